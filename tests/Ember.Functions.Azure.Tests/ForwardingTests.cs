using System.Net;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests;

/// <summary>A request sent to the host (forwarded by the Functions host, or direct) reaches the API unchanged, and back.</summary>
public sealed class ForwardingTests
{
    [Fact]
    public async Task Forwarding_PostWithQueryHeadersAndBody_ReachesApiUnchanged()
    {
        await using var host = await RunningHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/churn/predict?explain=true&alias=a&alias=b")
        {
            Content = new StringContent("{\"rows\":[{\"x\":1.5}]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Trace", ["one", "two"]);
        request.Headers.Add("x-functions-key", "k");

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = host.Api.Single;
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/api/models/churn/predict", seen.Path);
        Assert.Equal("true", seen.QueryValue("explain"));
        Assert.Equal("b", seen.QueryValue("alias")); // ApiRequest: a repeated name keeps its last value
        Assert.Equal("one, two", seen.Header("x-trace")); // HttpClient sends one line
        Assert.Equal("k", seen.Header("X-FUNCTIONS-KEY"));
        Assert.StartsWith("application/json", seen.Header("content-type"));
        Assert.Equal("{\"rows\":[{\"x\":1.5}]}", Encoding.UTF8.GetString(seen.Body.Span));
    }

    [Fact]
    public async Task Forwarding_ApiResponse_IsWrittenWithStatusContentTypeHeadersAndBody()
    {
        await using var host = await RunningHost.StartAsync();
        host.Api.Respond = _ => new ApiResponse(404, "application/problem+json", "{\"title\":\"Model not found\"}"u8.ToArray(),
            new Dictionary<string, string> { ["X-Ember-Model"] = "churn@3", ["Content-Length"] = "999" });

        using var response = await host.Client.GetAsync("/api/models/churn");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("churn@3", response.Headers.GetValues("X-Ember-Model").Single());
        Assert.Equal(27, response.Content.Headers.ContentLength); // the API's stale Content-Length is ignored
        Assert.Equal("{\"title\":\"Model not found\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forwarding_GetWithoutBody_GivesApiAnEmptyBody()
    {
        await using var host = await RunningHost.StartAsync();

        using var response = await host.Client.GetAsync("/api/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET", host.Api.Single.Method);
        Assert.Equal("/api/health/ready", host.Api.Single.Path);
        Assert.True(host.Api.Single.Body.IsEmpty);
    }

    [Fact]
    public async Task Forwarding_RootPath_GoesToApi_ForTheStatusPageAndTheHostsReadinessProbe()
    {
        await using var host = await RunningHost.StartAsync();
        host.Api.Respond = _ => new ApiResponse(200, "text/html; charset=utf-8", "<h1>ember</h1>"u8.ToArray(), ApiRequest.EmptyMap);

        using var response = await host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/", host.Api.Single.Path);
        Assert.Equal("<h1>ember</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forwarding_GetToAFunctionName_IsAnApiRequestNotAnInvocation()
    {
        await using var host = await RunningHost.StartAsync();

        using var response = await host.Client.GetAsync("/predict");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/predict", host.Api.Single.Path);
    }

    [Fact]
    public async Task Forwarding_ApiThrows_Answers500ProblemWithoutTheExceptionText()
    {
        await using var host = await RunningHost.StartAsync();
        host.Api.Respond = _ => throw new InvalidOperationException("secret row value 42");

        using var response = await host.Client.PostAsync("/api/models/m/predict", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("internal_error", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("secret", body);
        var bug = Assert.Single(host.Log.Events("unhandled"));
        Assert.Equal("System.InvalidOperationException", bug.GetProperty("exception").GetString());
        Assert.DoesNotContain("secret", host.Log.Text);
    }
}
