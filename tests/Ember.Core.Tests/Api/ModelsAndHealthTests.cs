using Xunit;
using System.Text.Json;
using Ember.Api;
using Ember.Serving;

namespace Ember.Core.Tests.Api;

public sealed class ModelsAndHealthTests : IDisposable
{
    private const string Setosa = """{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""";
    private readonly ApiTestHost _host = new(store => File.WriteAllText(Path.Combine(store, "iris", "aliases.json"), """{"prod": "1"}"""));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ListModels_NamesEveryModelWithVersionsAndAliases()
    {
        var response = await _host.GetAsync("/api/models");

        Assert.Equal(200, response.Status);
        var models = ApiTestHost.Json(response).GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["iris", "linreg"], models.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["1"], models[0].GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var alias = Assert.Single(models[0].GetProperty("aliases").EnumerateArray());
        Assert.Equal("prod", alias.GetProperty("alias").GetString());
        Assert.Equal("1", alias.GetProperty("version").GetString());
    }

    [Fact]
    public async Task GetModel_DescribesInputsOutputsStagesAndExamples()
    {
        var response = await _host.GetAsync("/api/models/iris");

        Assert.Equal(200, response.Status);
        var model = ApiTestHost.Json(response);
        Assert.Equal("iris", model.GetProperty("name").GetString());
        Assert.Equal("1", model.GetProperty("version").GetString());
        Assert.Equal("3.5.1", model.GetProperty("sparkVersion").GetString());
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width"],
            model.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("double", model.GetProperty("inputs")[0].GetProperty("type").GetString());
        Assert.Equal(["VectorAssembler", "StandardScalerModel", "LogisticRegressionModel", "IndexToString"],
            model.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("class").GetString()));
        Assert.Equal(4, model.GetProperty("examples").GetArrayLength());
        Assert.Contains("predictedSpecies", model.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task GetModel_UnknownName_Is404() =>
        ApiTestHost.AssertProblem(await _host.GetAsync("/api/models/unknown"), 404, ProblemTypes.ModelNotFound);

    [Fact]
    public async Task Health_IsLiveWithoutTouchingModels()
    {
        var response = await _host.GetAsync("/api/health");

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", ApiTestHost.Json(response).GetProperty("status").GetString());
        Assert.Empty(_host.Provider.Health());
    }

    [Fact]
    public async Task Ready_ListsWarmModels()
    {
        Assert.Equal(200, (await _host.GetAsync("/api/health/ready")).Status);
        await _host.PostAsync("/api/models/iris/predict", Setosa);

        var response = await _host.GetAsync("/api/health/ready");

        Assert.Equal(200, response.Status);
        var model = Assert.Single(ApiTestHost.Json(response).GetProperty("models").EnumerateArray());
        Assert.Equal("iris", model.GetProperty("name").GetString());
        Assert.True(model.GetProperty("ready").GetBoolean());
    }

    [Theory]
    [InlineData(false, true, 200, "degraded")]
    [InlineData(false, false, 503, "not-ready")]
    [InlineData(true, false, 200, "ok")]
    public async Task Ready_ReflectsModelHealth(bool ready, bool degraded, int status, string text)
    {
        var provider = new HealthOnlyProvider([new ModelHealth("m", "1", ready || degraded, degraded, degraded ? "reload of version 2 failed" : null)]);
        if (!ready && !degraded)
            provider = new HealthOnlyProvider([new ModelHealth("m", "1", false, false, "example 0 differs")]);
        using var host = new ApiTestHost(provider: provider);

        var response = await host.GetAsync("/api/health/ready");

        Assert.Equal(status, response.Status);
        Assert.Equal(text, ApiTestHost.Json(response).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_AreCountedPerModelAndRenderedAsPrometheusText()
    {
        await _host.PostAsync("/api/models/iris/predict", Setosa);
        await _host.PostAsync("/api/models/iris/predict", Setosa);
        await _host.PostAsync("/api/models/iris/predict", """{"sepal_length": 1}""");
        await _host.PostAsync("/api/models/nope/predict", Setosa);

        var response = await _host.GetAsync("/api/metrics");

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/plain; version=0.0.4", response.ContentType);
        string text = ApiTestHost.Text(response);
        Assert.Contains("# TYPE ember_predict_requests_total counter", text);
        Assert.Contains("ember_predict_requests_total{model=\"iris\",version=\"1\"} 3\n", text);
        Assert.Contains("ember_predict_errors_total{model=\"iris\",version=\"1\",type=\"missing-column\"} 1\n", text);
        Assert.Contains("ember_predict_duration_seconds_bucket{model=\"iris\",version=\"1\",le=\"+Inf\"} 3\n", text);
        Assert.Contains("ember_predict_duration_seconds_count{model=\"iris\",version=\"1\"} 3\n", text);
        Assert.Contains("ember_model_cache_misses_total{model=\"iris\"} 1\n", text);
        Assert.Contains("ember_model_cache_hits_total{model=\"iris\"} 2\n", text);
        Assert.Contains("ember_model_load_duration_seconds_count{model=\"iris\",version=\"1\"} 1\n", text);
        Assert.Contains("ember_http_requests_total{route=\"predict\",status=\"404\"} 1\n", text);
        Assert.DoesNotContain("nope", text); // unknown names never become series
    }

    private sealed class HealthOnlyProvider(IReadOnlyList<ModelHealth> health) : IModelProvider
    {
        public ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken) => throw new ModelNotFoundException("none");

        public Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ModelListing>>([]);

        public IReadOnlyList<ModelHealth> Health() => health;
    }
}
