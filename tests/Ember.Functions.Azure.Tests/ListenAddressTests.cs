using System.Net;
using Ember.Configuration;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests;

public sealed class ListenAddressTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] settings) =>
        name => settings.FirstOrDefault(s => s.Name == name).Value;

    [Fact]
    public void ListenAddress_FunctionsPortSet_WinsOverConfiguredUrls()
    {
        var (urls, error) = ListenAddress.Resolve(Env((EmberSettings.FunctionsCustomHandlerPort, "40123")), "http://0.0.0.0:9000");

        Assert.Null(error);
        Assert.Equal("http://127.0.0.1:40123", urls);
    }

    [Fact]
    public void ListenAddress_OnlyLegacyHttpWorkerPort_IsUsed()
    {
        var (urls, _) = ListenAddress.Resolve(Env((ListenAddress.LegacyFunctionsPort, "40124")), null);

        Assert.Equal("http://127.0.0.1:40124", urls);
    }

    [Fact]
    public void ListenAddress_NoFunctionsPort_UsesConfiguredUrls()
    {
        var (urls, _) = ListenAddress.Resolve(Env(), " http://127.0.0.1:8080 ");

        Assert.Equal("http://127.0.0.1:8080", urls);
    }

    [Fact]
    public void ListenAddress_NothingSet_IsLoopback7071()
    {
        var (urls, _) = ListenAddress.Resolve(Env(), null);

        Assert.Equal("http://127.0.0.1:7071", urls);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    public void ListenAddress_BadFunctionsPort_IsAnErrorNamingTheSetting(string value)
    {
        var (urls, error) = ListenAddress.Resolve(Env((EmberSettings.FunctionsCustomHandlerPort, value)), null);

        Assert.Null(urls);
        Assert.Contains(EmberSettings.FunctionsCustomHandlerPort, error);
    }

    [Fact]
    public async Task ListenAddress_FunctionsPortSet_ServerListensThereAndIgnoresUrlsArgument()
    {
        var port = RunningHost.FreePort();
        var env = new Dictionary<string, string> { [EmberSettings.FunctionsCustomHandlerPort] = port.ToString() };

        await using var host = await RunningHost.StartAsync(env, ["--urls", "http://127.0.0.1:0"]);

        Assert.Equal(port, host.BaseAddress.Port);
        using var response = await host.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ListenAddress_UrlsArgument_IsUsedOutsideTheFunctionsHost()
    {
        var port = RunningHost.FreePort();

        await using var host = await RunningHost.StartAsync(args: ["--urls", $"http://127.0.0.1:{port}"]);

        Assert.Equal(port, host.BaseAddress.Port);
    }
}
