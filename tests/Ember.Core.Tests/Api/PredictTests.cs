using Xunit;
using System.Text.Json;
using Ember.Api;

namespace Ember.Core.Tests.Api;

public sealed class PredictTests : IDisposable
{
    private const string Setosa = """{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""";
    private readonly ApiTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Predict_OneRow_ReturnsDefaultOutputsNamingModelAndVersion()
    {
        var response = await _host.PostAsync("/api/models/iris/predict", Setosa);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.ContentType);
        Assert.Equal("1", response.Headers[ModelHeaders.Version]);
        Assert.Equal("iris", response.Headers[ModelHeaders.Model]);
        var body = ApiTestHost.Json(response);
        Assert.Equal("iris", body.GetProperty("model").GetString());
        Assert.Equal("1", body.GetProperty("version").GetString());
        Assert.Equal(["rawPrediction", "probability", "prediction", "predictedSpecies"],
            body.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()));
        var row = Assert.Single(body.GetProperty("predictions").EnumerateArray());
        Assert.Equal("setosa", row.GetProperty("predictedSpecies").GetString());
        Assert.Equal(0.0, row.GetProperty("prediction").GetDouble());
        Assert.False(row.TryGetProperty("features", out _)); // intermediate vectors are not default outputs
        Assert.False(body.TryGetProperty("skipped", out _));
    }

    [Fact]
    public async Task Predict_BundleExamples_AreReproducedExactlyAsRendered()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_host.Store, "iris", "1", "ember.json")));
        var examples = manifest.RootElement.GetProperty("examples").EnumerateArray().ToList();
        string rows = "{\"rows\": [" + string.Join(",", examples.Select(e => e.GetProperty("input").GetRawText())) + "]}";

        var response = await _host.PostAsync("/api/models/iris/predict", rows);

        Assert.Equal(200, response.Status);
        var predictions = ApiTestHost.Json(response).GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(examples.Count, predictions.Count);
        for (int i = 0; i < examples.Count; i++)
            Assert.Equal(Compact(examples[i].GetProperty("output")), Compact(predictions[i]));
    }

    [Fact]
    public async Task Predict_SparkSavedLinearRegression_MatchesSparksPrintedPredictionsBitForBit()
    {
        var response = await _host.PostAsync("/api/models/linreg/predict", """{"rows": [{"features": [0.0]}, {"features": {"size": 1, "indices": [0], "values": [19.0]}}, {"features": {"type": 1, "values": [1.0]}}]}""");

        Assert.Equal(200, response.Status);
        var p = ApiTestHost.Json(response).GetProperty("predictions").EnumerateArray().Select(r => r.GetProperty("prediction").GetDouble()).ToList();
        Assert.Equal([0.3951605206669529, 6.158655961005664, 0.6985023859479377], p);
    }

    [Fact]
    public async Task Predict_OutputsQuery_ReturnsExactlyTheChosenColumnsIncludingIntermediates()
    {
        var response = await _host.PostAsync("/api/models/iris/predict?outputs=predictedSpecies,features", Setosa);

        Assert.Equal(200, response.Status);
        var row = ApiTestHost.Json(response).GetProperty("predictions")[0];
        Assert.Equal(["predictedSpecies", "features"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal([5.1, 3.5, 1.4, 0.2], row.GetProperty("features").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task Predict_OutputsQueryNamingAnInput_EchoesItInTheRenderedForm()
    {
        var response = await _host.PostAsync("/api/models/linreg/predict?outputs=features", """{"features": {"size": 1, "indices": [0], "values": [2]}}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"features":{"size":1,"indices":[0],"values":[2.0]}}""", ApiTestHost.Json(response).GetProperty("predictions")[0].GetRawText());
    }

    [Fact]
    public async Task Predict_UnknownOutput_Is400NamingTheAvailableColumns()
    {
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict?outputs=nope", Setosa), 400, ProblemTypes.UnknownOutput);
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString());
        Assert.Contains("predictedSpecies", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Predict_RowSkippedByHandleInvalidSkip_IsNullWithItsReason()
    {
        string rows = "{\"rows\": [" + Setosa + """, {"sepal_length": null, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}, {"sepal_length": "NaN", "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]}""";

        var response = await _host.PostAsync("/api/models/iris/predict", rows);

        Assert.Equal(200, response.Status);
        var body = ApiTestHost.Json(response);
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Object, predictions[0].ValueKind);
        Assert.Equal(JsonValueKind.Null, predictions[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, predictions[2].ValueKind);
        var skipped = body.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Equal([1, 2], skipped.Select(s => s.GetProperty("row").GetInt32()));
        Assert.All(skipped, s => Assert.Equal("sepal_length", s.GetProperty("column").GetString()));
        Assert.All(skipped, s => Assert.Contains("VectorAssembler", s.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task Predict_ColumnNames_MatchCaseInsensitivelyAndUnknownPropertiesAreIgnored()
    {
        var response = await _host.PostAsync("/api/models/iris/predict",
            """{"id": "abc-1", "SEPAL_LENGTH": 5.1, "Sepal_Width": 3.5, "petal_length": 1.4, "petal_width": 0.2, "extra": {"nested": [1, 2]}}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("setosa", ApiTestHost.Json(response).GetProperty("predictions")[0].GetProperty("predictedSpecies").GetString());
    }

    [Fact]
    public async Task Predict_EmptyRows_AnswersNoPredictions()
    {
        var response = await _host.PostAsync("/api/models/iris/predict", """{"rows": []}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(0, ApiTestHost.Json(response).GetProperty("predictions").GetArrayLength());
    }

    [Fact]
    public async Task Predict_NoContentType_IsTakenAsJson()
    {
        var response = await _host.PostAsync("/api/models/iris/predict", Setosa, contentType: null);
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Predict_JsonContentTypeWithCharset_IsAccepted()
    {
        var response = await _host.PostAsync("/api/models/iris/predict", Setosa, "application/json; charset=utf-8");
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Predict_ExplicitVersion_ServesIt()
    {
        var response = await _host.PostAsync("/api/models/iris/predict?version=1", Setosa);
        Assert.Equal(200, response.Status);
        Assert.Equal("1", response.Headers[ModelHeaders.Version]);
    }

    [Fact]
    public async Task Predict_ProdAlias_WinsOverLatest_AndAliasQueryChoosesAnother()
    {
        using var host = new ApiTestHost(store =>
        {
            ApiTestHost.CopyDirectory(Path.Combine(store, "iris", "1"), Path.Combine(store, "iris", "2"));
            File.WriteAllText(Path.Combine(store, "iris", "aliases.json"), """{"prod": "1", "canary": "2"}""");
        });

        var byDefault = await host.PostAsync("/api/models/iris/predict", Setosa);
        var byAlias = await host.PostAsync("/api/models/iris/predict?alias=canary", Setosa);

        Assert.Equal("1", byDefault.Headers[ModelHeaders.Version]);
        Assert.Equal("2", byAlias.Headers[ModelHeaders.Version]);
        Assert.Equal("2", ApiTestHost.Json(byAlias).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Predict_NoProdAlias_ServesTheLatestVersion()
    {
        using var host = new ApiTestHost(store => ApiTestHost.CopyDirectory(Path.Combine(store, "iris", "1"), Path.Combine(store, "iris", "10")));

        var response = await host.PostAsync("/api/models/iris/predict", Setosa);

        Assert.Equal("10", response.Headers[ModelHeaders.Version]);
    }

    private static string Compact(JsonElement e) => JsonSerializer.Serialize(e);
}
