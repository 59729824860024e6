using System.Net;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Configuration;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests.Invocations;

/// <summary>HTTP functions when the host does not forward: Data.req in, Outputs.res out (platform contract §1.4-1.5).</summary>
public sealed class HttpInvocationTests
{
    // Shaped as the host's GetRequestAsJObject builds it: Query is a JSON-encoded string,
    // Headers map to arrays, Identities is a JSON string, Body is the text.
    private const string PredictEnvelope = """
        {
          "Data": {
            "req": {
              "Url": "https://ember-app.azurewebsites.net/api/models/churn/predict?explain=true",
              "Method": "POST",
              "Query": "{\"explain\":\"true\"}",
              "Headers": { "Content-Type": ["application/json"], "x-functions-key": ["k"], "Accept": ["application/json", "text/plain"] },
              "Params": { "name": "churn" },
              "Identities": "[]",
              "Body": "{\"rows\":[{\"x\":1.5}]}"
            }
          },
          "Metadata": {
            "name": "churn",
            "sys": { "MethodName": "predict", "UtcNow": "2026-11-21T08:00:01.2Z", "RandGuid": "0f9e..." }
          }
        }
        """;

    [Fact]
    public async Task HttpInvocation_HostShapedEnvelope_ReachesApiAsTheOriginalRequest()
    {
        await using var host = await RunningHost.StartAsync();

        var (response, _) = await Envelope.PostAsync(host.Client, "predict", PredictEnvelope);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = host.Api.Single;
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/api/models/churn/predict", seen.Path);
        Assert.Equal("true", seen.QueryValue("explain"));
        Assert.Equal("k", seen.Header("X-Functions-Key"));
        Assert.Equal("application/json,text/plain", seen.Header("accept"));
        Assert.Equal("{\"rows\":[{\"x\":1.5}]}", Encoding.UTF8.GetString(seen.Body.Span));
    }

    [Fact]
    public async Task HttpInvocation_ApiResponse_ComesBackAsOutputsRes()
    {
        await using var host = await RunningHost.StartAsync();
        host.Api.Respond = _ => new ApiResponse(422, "application/problem+json", "{\"title\":\"bad row\"}"u8.ToArray(),
            new Dictionary<string, string> { ["X-Ember-Model"] = "churn@3" });

        var (response, reply) = await Envelope.PostAsync(host.Client, "predict", PredictEnvelope);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the invocation worked; the caller gets 422
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var res = reply.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(422, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("{\"title\":\"bad row\"}", res.GetProperty("body").GetString());
        Assert.Equal("application/problem+json", res.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("churn@3", res.GetProperty("headers").GetProperty("X-Ember-Model").GetString());
        Assert.Equal(0, reply.GetProperty("Logs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task HttpInvocation_QueryAsObject_OlderHostShape_IsAccepted()
    {
        await using var host = await RunningHost.StartAsync();
        var envelope = PredictEnvelope.Replace("\"Query\": \"{\\\"explain\\\":\\\"true\\\"}\"", "\"Query\": { \"explain\": \"yes\" }");

        await Envelope.PostAsync(host.Client, "predict", envelope);

        Assert.Equal("yes", host.Api.Single.QueryValue("explain"));
    }

    [Fact]
    public async Task HttpInvocation_NoQueryProperty_ReadsTheQueryFromTheUrl()
    {
        await using var host = await RunningHost.StartAsync();
        const string envelope = """
            { "Data": { "req": { "Url": "http://localhost:7071/api/models?owner=a%20b&owner=c", "Method": "get", "Headers": {} } }, "Metadata": {} }
            """;

        await Envelope.PostAsync(host.Client, "models", envelope);

        var seen = host.Api.Single;
        Assert.Equal("GET", seen.Method);
        Assert.Equal("/api/models", seen.Path);
        Assert.Equal("c", seen.QueryValue("owner"));
        Assert.True(seen.Body.IsEmpty);
    }

    [Fact]
    public async Task HttpInvocation_OctetStreamBody_IsBase64DecodedAsTheHostEncodedIt()
    {
        await using var host = await RunningHost.StartAsync();
        var raw = new byte[] { 0, 1, 2, 250, 255 };
        var envelope = $$"""
            { "Data": { "req": { "Url": "http://h/api/models/m/predict", "Method": "POST",
              "Headers": { "Content-Type": ["application/octet-stream"] }, "Body": "{{Convert.ToBase64String(raw)}}" } }, "Metadata": {} }
            """;

        await Envelope.PostAsync(host.Client, "predict", envelope);

        Assert.Equal(raw, host.Api.Single.Body.ToArray());
    }

    [Fact]
    public async Task HttpInvocation_BodyOverLimit_Is413InResWithoutCallingApi()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { [EmberSettings.MaxRequestBytes] = "10" });

        var (response, reply) = await Envelope.PostAsync(host.Client, "predict", PredictEnvelope);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var res = reply.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(413, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/problem+json", res.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("request_too_large", JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement.GetProperty("code").GetString());
        Assert.Empty(host.Api.Requests);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2]")]
    [InlineData("{\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"GET\"}},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"GET\",\"Url\":\"/relative\"}}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"GET\",\"Url\":\"http://h/api/x\",\"Query\":\"[1]\"}}}")]
    [InlineData("{\"Data\":{\"req\":{\"Method\":\"POST\",\"Url\":\"http://h/api/x\",\"Headers\":{\"Content-Type\":[\"application/octet-stream\"]},\"Body\":\"%%%\"}}}")]
    public async Task HttpInvocation_MalformedEnvelope_Is400ProblemSoTheInvocationFails(string envelope)
    {
        await using var host = await RunningHost.StartAsync();

        var (response, problem) = await Envelope.PostAsync(host.Client, "health", envelope);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("bad_invocation", problem.GetProperty("code").GetString());
        Assert.Empty(host.Api.Requests);
    }
}
