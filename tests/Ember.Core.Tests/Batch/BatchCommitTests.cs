using Ember.Batch;
using Xunit;

namespace Ember.Core.Tests.Batch;

public sealed class BatchCommitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-commit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Input, string Output) Files(DataFormat output = DataFormat.Parquet)
    {
        string input = Path.Combine(_dir, "in.csv");
        BatchFiles.Write(input, DataFormat.Csv, BatchFiles.Rows(5000));
        return (input, Path.Combine(_dir, "out" + BatchRoundTripTests.Ext(output)));
    }

    [Fact]
    public async Task KilledMidway_LeavesNothingAtTheOutput_AndTheRerunCommitsOnce()
    {
        var (input, output) = Files();
        var job = BatchTestModel.Job(input, output, chunkRows: 500);
        var model = BatchTestModel.Create();
        using var kill = new CancellationTokenSource();
        int chunks = 0;

        var killed = await BatchTestModel.FileRunner().RunAsync(job, model, kill.Token, _ =>
        {
            if (++chunks == 3) kill.Cancel();
        });

        Assert.Equal(BatchSummary.Failed, killed.Status);
        Assert.True(killed.Retryable);
        Assert.False(File.Exists(output));
        Assert.Equal(["in.csv", Path.GetFileName(output) + "._ember.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());

        var rerun = await BatchTestModel.FileRunner().RunAsync(job, model);
        Assert.Equal(BatchSummary.Succeeded, rerun.Status);
        Assert.Null(rerun.AlreadyCommitted);
        Assert.Equal(5000, BatchFiles.Read(output, DataFormat.Parquet).Count);

        var redelivered = await BatchTestModel.FileRunner().RunAsync(job, model);
        Assert.Equal(BatchSummary.Succeeded, redelivered.Status);
        Assert.True(redelivered.AlreadyCommitted);
        Assert.Equal(rerun.DurationMs, redelivered.DurationMs);
    }

    [Fact]
    public async Task Redelivery_AfterCommit_IsANoOp_ThatDoesNotEvenLoadTheModel()
    {
        var (input, output) = Files();
        var job = BatchTestModel.Job(input, output);
        await BatchTestModel.FileRunner().RunAsync(job, BatchTestModel.Create());
        var before = File.GetLastWriteTimeUtc(output);

        bool loaded = false;
        var again = await BatchTestModel.FileRunner().RunAsync(job, _ => { loaded = true; return ValueTask.FromResult(BatchTestModel.Create()); }, new BatchRunContext(), default);

        Assert.True(again.AlreadyCommitted);
        Assert.False(loaded);
        Assert.Equal(before, File.GetLastWriteTimeUtc(output));
    }

    [Fact]
    public async Task AnotherJobId_ForACommittedOutput_IsRefused_AndTheSummaryKept()
    {
        var (input, output) = Files();
        await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, jobId: "first"), BatchTestModel.Create());

        var second = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, jobId: "second"), BatchTestModel.Create());

        Assert.Equal(BatchSummary.Failed, second.Status);
        Assert.False(second.Retryable);
        Assert.Contains("already written by job 'first'", second.Error);
        Assert.Contains("\"jobId\":\"first\"", File.ReadAllText(output + "._ember.json"));
    }

    [Fact]
    public async Task FailedSummary_DoesNotBlockALaterRun()
    {
        var (_, output) = Files();
        string missing = Path.Combine(_dir, "later.csv");
        var job = BatchTestModel.Job(missing, output);
        Assert.Equal(BatchSummary.Failed, (await BatchTestModel.FileRunner().RunAsync(job, BatchTestModel.Create())).Status);

        BatchFiles.Write(missing, DataFormat.Csv, BatchFiles.Rows(10));
        var ok = await BatchTestModel.FileRunner().RunAsync(job, BatchTestModel.Create());

        Assert.Equal(BatchSummary.Succeeded, ok.Status);
        Assert.Contains("\"status\":\"succeeded\"", File.ReadAllText(output + "._ember.json"));
    }

    [Fact]
    public async Task ScoreMode_WithoutSummaries_OverwritesAndWritesNoSummary()
    {
        var (input, output) = Files(DataFormat.Csv);
        var runner = BatchTestModel.FileRunner(summaries: false);
        Assert.Equal(BatchSummary.Succeeded, (await runner.RunAsync(BatchTestModel.Job(input, output), BatchTestModel.Create())).Status);
        Assert.Equal(BatchSummary.Succeeded, (await runner.RunAsync(BatchTestModel.Job(input, output), BatchTestModel.Create())).Status);
        Assert.False(File.Exists(output + "._ember.json"));
    }
}
