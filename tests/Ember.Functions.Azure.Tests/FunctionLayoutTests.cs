using System.Text.Json;
using Ember.Functions.Azure.Invocations;
using Ember.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Ember.Functions.Azure.Tests;

/// <summary>host.json and the function.json files agree with the host's code and cover every API route.</summary>
public sealed class FunctionLayoutTests
{
    private static readonly string FunctionsDir = Path.Combine(Corpus.RepositoryRoot, "src", "Functions.Azure", "functions");

    private static JsonElement Read(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    private static JsonElement[] Bindings(string function) =>
        Read(Path.Combine(FunctionsDir, function, "function.json")).GetProperty("bindings").EnumerateArray().ToArray();

    [Fact]
    public void Layout_FunctionFolders_AreExactlyTheFunctionCatalog()
    {
        var folders = Directory.GetDirectories(FunctionsDir).Select(Path.GetFileName).Order().ToArray();

        Assert.Equal(FunctionCatalog.Functions.Keys.Order().ToArray(), folders);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(FunctionsDir, f!, "function.json")), f));
    }

    [Fact]
    public void Layout_HttpFunctions_HaveOnlyTriggerAndHttpOutput_SoTheHostForwardsThem()
    {
        foreach (var (function, kind) in FunctionCatalog.Functions.Where(f => f.Value == FunctionKind.Http))
        {
            var bindings = Bindings(function);
            Assert.Equal(2, bindings.Length);
            Assert.Equal(("httpTrigger", "in", FunctionCatalog.HttpTriggerBinding), Describe(bindings[0]));
            Assert.Equal(("http", "out", FunctionCatalog.HttpOutputBinding), Describe(bindings[1]));
        }
    }

    [Fact]
    public void Layout_Batch_IsAQueueTriggerOnEmberJobs()
    {
        var trigger = Assert.Single(Bindings("batch"));

        Assert.Equal(("queueTrigger", "in", FunctionCatalog.QueueTriggerBinding), Describe(trigger));
        Assert.Equal(FunctionCatalog.JobQueue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Layout_HostJson_StartsTheNativeBinaryAndForwardsHttp()
    {
        var host = Read(Path.Combine(Corpus.RepositoryRoot, "host.json"));
        var handler = host.GetProperty("customHandler");

        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.Equal("ember-azure", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("ember-azure", typeof(AzureHost).Assembly.GetName().Name); // the binary's name
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host.GetProperty("extensionBundle").GetProperty("id").GetString());
        Assert.Equal("", host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/models/churn/predict", "predict")]
    [InlineData("GET", "/api/models", "models")]
    [InlineData("GET", "/api/models/churn", "models")]
    [InlineData("GET", "/api/models/churn/monitor", "models")]
    [InlineData("GET", "/api/health", "health")]
    [InlineData("GET", "/api/health/ready", "health")]
    [InlineData("GET", "/api/metrics", "metrics")]
    [InlineData("GET", "/", "status")]
    public void Layout_EveryApiRoute_IsServedByExactlyOneFunction(string method, string path, string expected)
    {
        var matches = FunctionCatalog.Functions.Keys
            .Where(f => FunctionCatalog.Functions[f] == FunctionKind.Http)
            .Where(f => Matches(Bindings(f)[0], method, path))
            .ToArray();

        Assert.Equal([expected], matches);
    }

    private static (string?, string?, string?) Describe(JsonElement binding) =>
        (binding.GetProperty("type").GetString(), binding.GetProperty("direction").GetString(), binding.GetProperty("name").GetString());

    private static bool Matches(JsonElement trigger, string method, string path)
    {
        var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant());
        if (!methods.Contains(method))
            return false;
        var template = TemplateParser.Parse(trigger.GetProperty("route").GetString()!);
        var matched = new TemplateMatcher(template, new RouteValueDictionary()).TryMatch(new PathString(path), new RouteValueDictionary());
        // TemplateMatcher skips inline constraints; the status route's maxlength(0) keeps it to "/".
        return matched && (!template.TemplateText!.Contains("maxlength(0)") || path == "/");
    }
}
