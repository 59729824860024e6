using System.Net;
using System.Text;
using System.Text.Json;
using Ember.Configuration;
using Ember.Functions.Azure.Tests.Support;
using Ember.Testing;

namespace Ember.Functions.Azure.Tests;

/// <summary>
/// EMBER_FUNCTION_KEY: running without the Functions host, ember-azure checks the function key
/// itself on the routes whose function.json says authLevel "function", as the Functions host would.
/// </summary>
public sealed class FunctionKeyTests
{
    private const string Key = "k3y-for-tests";

    private static Task<RunningHost> StartWithKeyAsync() =>
        RunningHost.StartAsync(new Dictionary<string, string> { [EmberSettings.FunctionKey] = Key });

    [Theory]
    [InlineData("POST", "/api/models/churn/predict")]
    [InlineData("GET", "/api/models")]
    [InlineData("GET", "/api/models/churn/monitor")]
    [InlineData("GET", "/api/metrics")]
    [InlineData("GET", "/api/healthz")]
    public async Task FunctionKey_Missing_Is401ProblemAndTheApiNeverSeesIt(string method, string path)
    {
        await using var host = await StartWithKeyAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("function_key_required", problem.GetProperty("code").GetString());
        Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString());
        Assert.Empty(host.Api.Requests);
    }

    [Fact]
    public async Task FunctionKey_WrongKey_Is401()
    {
        await using var host = await StartWithKeyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/models?code=" + Key + "x");
        request.Headers.Add("x-functions-key", Key[..^1]);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Api.Requests);
    }

    [Fact]
    public async Task FunctionKey_AsQueryCodeOrHeader_IsForwarded()
    {
        await using var host = await StartWithKeyAsync();

        using var byQuery = await host.Client.GetAsync("/api/models?code=" + Key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/models/churn/monitor");
        request.Headers.Add("x-functions-key", Key);
        using var byHeader = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(2, host.Api.Requests.Count);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/health")]
    [InlineData("/api/health/ready")]
    public async Task FunctionKey_AnonymousFunctions_NeedNoKey(string path)
    {
        await using var host = await StartWithKeyAsync();

        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(path, host.Api.Single.Path);
    }

    [Fact]
    public async Task FunctionKey_Unset_ForwardsEverything()
    {
        await using var host = await RunningHost.StartAsync();

        using var response = await host.Client.GetAsync("/api/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Api.Requests);
    }

    [Fact]
    public void FunctionKey_AnonymousRoutes_AreThoseOfTheAnonymousFunctionJsons()
    {
        string functions = Path.Combine(Corpus.RepositoryRoot, "src", "Functions.Azure", "functions");
        var anonymous = Directory.GetDirectories(functions)
            .Where(dir => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "function.json"))).RootElement.GetProperty("bindings")
                .EnumerateArray().Any(b => b.TryGetProperty("authLevel", out var level) && level.GetString() == "anonymous"))
            .Select(dir => Path.GetFileName(dir)).Order().ToArray();

        Assert.Equal(new[] { "health", "status" }, anonymous);
        Assert.True(FunctionKeyCheck.IsAnonymous("/"));
        Assert.True(FunctionKeyCheck.IsAnonymous("/api/health"));
        Assert.True(FunctionKeyCheck.IsAnonymous("/api/health/ready"));
        Assert.False(FunctionKeyCheck.IsAnonymous("/api/health/ready/x"));
        Assert.False(FunctionKeyCheck.IsAnonymous("/api/models"));
        Assert.False(FunctionKeyCheck.IsAnonymous("/index.html"));
    }
}
