using Xunit;
using System.Text;
using Ember.Api;
using Ember.Serving;

namespace Ember.Core.Tests.Api;

public sealed class PredictErrorTests : IDisposable
{
    private const string Setosa = """{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}""";
    private readonly ApiTestHost _host = new(options: new ApiOptions { MaxRows = 3, MaxBodyBytes = 4096 });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task MissingColumn_Is400NamingTheColumnAndRow()
    {
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict",
            """{"rows": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}, {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4}]}"""),
            400, ProblemTypes.MissingColumn);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("petal_width", error.GetProperty("column").GetString());
        Assert.Equal(1, error.GetProperty("row").GetInt32());
        Assert.Equal("missing-column", error.GetProperty("code").GetString());
        Assert.Contains("petal_width", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongType_Is400NamingColumnProblemAndValue()
    {
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict",
            """{"sepal_length": "five", "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}"""), 400, ProblemTypes.WrongType);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("sepal_length", error.GetProperty("column").GetString());
        Assert.Equal("five", error.GetProperty("value").GetString());
        Assert.Contains("expected a number", error.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task SeveralKindsOfProblems_AreAllListedUnderTheValidationType()
    {
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict",
            """{"sepal_length": true, "sepal_width": [1], "petal_length": 1e999}"""), 400, ProblemTypes.Validation);

        var columns = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("column").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([("sepal_length", "wrong-type"), ("sepal_width", "wrong-type"), ("petal_length", "out-of-range"), ("petal_width", "missing-column")], columns);
    }

    [Fact]
    public async Task VectorOfTheWrongSize_Is400VectorSize()
    {
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/linreg/predict", """{"features": [1.0, 2.0]}"""), 400, ProblemTypes.VectorSize);
        Assert.Equal("features", problem.GetProperty("errors")[0].GetProperty("column").GetString());
    }

    [Theory]
    [InlineData("""{"features": {"size": 1, "indices": [0, 0], "values": [1.0, 2.0]}}""")]
    [InlineData("""{"features": {"size": 1, "indices": [3], "values": [1.0]}}""")]
    [InlineData("""{"features": {"size": 1, "indices": [0], "values": [1.0, 2.0]}}""")]
    [InlineData("""{"features": {"size": -1, "indices": [], "values": []}}""")]
    [InlineData("""{"features": {"indices": [0]}}""")]
    [InlineData("""{"features": "[1.0]"}""")]
    [InlineData("""{"features": [1.0, "x"]}""")]
    public async Task MalformedVectors_Are400NamingTheColumn(string body)
    {
        var response = await _host.PostAsync("/api/models/linreg/predict", body);

        Assert.Equal(400, response.Status);
        Assert.Equal("features", ApiTestHost.Json(response).GetProperty("errors")[0].GetProperty("column").GetString());
    }

    [Fact]
    public async Task UnknownModel_Is404()
    {
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/nope/predict", Setosa), 404, ProblemTypes.ModelNotFound);
        Assert.Contains("nope", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("?version=7")]
    [InlineData("?alias=staging")]
    public async Task UnknownVersionOrAlias_Is404(string query) =>
        ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict" + query, Setosa), 404, ProblemTypes.ModelNotFound);

    [Theory]
    [InlineData("?version=1&alias=prod")]
    [InlineData("?version=")]
    public async Task BadVersionQuery_Is400(string query) =>
        ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict" + query, Setosa), 400, ProblemTypes.InvalidRequest);

    [Fact]
    public async Task TooManyRows_Is413NamingTheLimit()
    {
        string rows = "{\"rows\": [" + string.Join(",", Enumerable.Repeat(Setosa, 4)) + "]}";
        var problem = ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict", rows), 413, ProblemTypes.TooLarge);
        Assert.Contains("3", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BodyOverTheByteLimit_Is413()
    {
        string body = "{\"pad\": \"" + new string('x', 5000) + "\"}";
        ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict", body), 413, ProblemTypes.TooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task NonJsonContentType_Is415(string contentType) =>
        ApiTestHost.AssertProblem(await _host.PostAsync("/api/models/iris/predict", Setosa, contentType), 415, ProblemTypes.UnsupportedMediaType);

    [Fact]
    public async Task ModelThatCannotLoad_Is503WithRetryAfter()
    {
        using var host = new ApiTestHost(store =>
        {
            string broken = Path.Combine(store, "broken", "1", "metadata");
            Directory.CreateDirectory(broken);
            File.WriteAllText(Path.Combine(broken, "part-00000"), "{not json");
        });

        var response = await host.PostAsync("/api/models/broken/predict", Setosa);

        ApiTestHost.AssertProblem(response, 503, ProblemTypes.ModelUnavailable);
        Assert.True(int.Parse(response.Headers["Retry-After"]) >= 1);
    }

    [Fact]
    public async Task UnknownRoute_Is404_AndWrongMethod_Is405WithAllow()
    {
        ApiTestHost.AssertProblem(await _host.GetAsync("/api/nothing"), 404, ProblemTypes.RouteNotFound);
        ApiTestHost.AssertProblem(await _host.GetAsync("/api/models/iris/predict/extra"), 404, ProblemTypes.RouteNotFound);
        var wrong = await _host.GetAsync("/api/models/iris/predict");
        ApiTestHost.AssertProblem(wrong, 405, ProblemTypes.MethodNotAllowed);
        Assert.Equal("POST", wrong.Headers["Allow"]);
    }

    [Fact]
    public async Task AProviderBug_IsThe500FromTheCatchAll_AndIsReported()
    {
        Exception? reported = null;
        using var host = new ApiTestHost(options: new ApiOptions { OnBug = ex => reported = ex }, provider: new ThrowingProvider());

        var response = await host.PostAsync("/api/models/iris/predict", Setosa);

        var problem = ApiTestHost.AssertProblem(response, 500, ProblemTypes.Internal);
        Assert.IsType<InvalidOperationException>(reported);
        Assert.DoesNotContain("secret", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CancelledRequest_IsNotAnsweredAsA500()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var host = new ApiTestHost(provider: new ThrowingProvider());
        var request = new ApiRequest("GET", "/api/models", ApiRequest.EmptyMap, ApiRequest.EmptyMap, Encoding.UTF8.GetBytes(""));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Api.HandleAsync(request, cts.Token));
    }

    private sealed class ThrowingProvider : IModelProvider
    {
        public ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("secret internal state");

        public Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("secret");
        }

        public IReadOnlyList<ModelHealth> Health() => [];
    }
}
