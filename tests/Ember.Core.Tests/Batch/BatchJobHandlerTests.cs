using System.Text.Json;
using Ember.Batch;
using Ember.Serving;
using Xunit;

namespace Ember.Core.Tests.Batch;

public sealed class BatchJobHandlerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-handler-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Serves "colors"; "flaky" is unavailable; anything else is not found.</summary>
    private sealed class TestProvider : IModelProvider
    {
        public List<ModelRequest> Requests { get; } = [];

        public ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return request.Name switch
            {
                "colors" => ValueTask.FromResult(BatchTestModel.Create()),
                "flaky" => throw new ModelUnavailableException("the store is down", TimeSpan.FromSeconds(5)),
                _ => throw new ModelNotFoundException($"no model '{request.Name}'"),
            };
        }

        public Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ModelListing>>([]);

        public IReadOnlyList<ModelHealth> Health() => [];
    }

    private string Message(string model, string output = "out.jsonl")
    {
        string input = Path.Combine(_dir, "in.csv");
        if (!File.Exists(input)) BatchFiles.Write(input, DataFormat.Csv, BatchFiles.Rows(10));
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["model"] = model, ["alias"] = "canary", ["input"] = input, ["output"] = Path.Combine(_dir, output) });
    }

    [Fact]
    public async Task ValidMessage_Succeeds_WithTheSummary_AndAsksTheProviderForNameAndAlias()
    {
        var provider = new TestProvider();
        var handler = BatchJobHandler.Create(provider, _ => null);

        var outcome = await handler.RunAsync(Message("colors"), new BatchJobContext("m-1", 2), default);

        Assert.True(outcome.Succeeded, outcome.Error);
        using var summary = JsonDocument.Parse(outcome.SummaryJson);
        Assert.Equal(10, summary.RootElement.GetProperty("rowsWritten").GetInt64());
        Assert.Equal("m-1", summary.RootElement.GetProperty("messageId").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("deliveryCount").GetInt32());
        Assert.Equal(new ModelRequest("colors", null, "canary"), Assert.Single(provider.Requests));
    }

    [Theory]
    [InlineData("nope", false, "no model 'nope'")]
    [InlineData("flaky", true, "the store is down")]
    public async Task ModelProblems_AreClassified(string model, bool retryable, string error)
    {
        var outcome = await BatchJobHandler.Create(new TestProvider(), _ => null).RunAsync(Message(model), new BatchJobContext("m", 1), default);
        Assert.False(outcome.Succeeded);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.Contains(error, outcome.Error);
        Assert.Contains(error.Split('\'')[0], File.ReadAllText(Path.Combine(_dir, "out.jsonl._ember.json")));
    }

    [Fact]
    public async Task BadMessage_IsNotRetryable_AndItsSummaryNamesTheField()
    {
        var outcome = await BatchJobHandler.Create(new TestProvider(), _ => null).RunAsync("""{"model":"colors","input":"a.csv"}""", new BatchJobContext("m", 5), default);
        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains("'output'", outcome.Error);
        using var summary = JsonDocument.Parse(outcome.SummaryJson);
        Assert.Equal("failed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(5, summary.RootElement.GetProperty("deliveryCount").GetInt32());
    }
}
