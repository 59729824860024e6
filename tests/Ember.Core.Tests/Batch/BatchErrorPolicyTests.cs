using Ember.Batch;
using Xunit;

namespace Ember.Core.Tests.Batch;

/// <summary>A file with a bad cell (line 3), an unseen label (line 5) and a null x (line 6), under every policy.</summary>
public sealed class BatchErrorPolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-err-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string BadInput()
    {
        string input = Path.Combine(_dir, "in.csv");
        File.WriteAllText(input, "id,color,x\n1,red,1\n2,green,abc\n3,blue,2\n4,purple,3\n5,red,\n6,green,4\n");
        return input;
    }

    [Fact]
    public async Task OnErrorFail_FailsAtTheFirstBadRow_NamingLineAndColumn_AndWritesNothing()
    {
        string output = Path.Combine(_dir, "out.parquet");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(BadInput(), output, "fail"), BatchTestModel.Create());

        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.False(summary.Retryable);
        Assert.Contains("line 3", summary.Error);
        Assert.Contains("column 'x'", summary.Error);
        Assert.Contains("abc", summary.Error);
        Assert.False(File.Exists(output));
        Assert.Equal(["in.csv", "out.parquet._ember.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task OnErrorSkipRow_LeavesBadRowsOut_CountsThemAndKeepsTheFirstErrors()
    {
        string output = Path.Combine(_dir, "out.jsonl");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(BadInput(), output, "skip-row"), BatchTestModel.Create());

        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        Assert.Equal(6, summary.RowsRead);
        Assert.Equal(3, summary.RowsWritten);
        Assert.Equal(3, summary.RowsFailed);
        Assert.Equal(0, summary.RowsSkipped);
        Assert.Equal([3L, 5L, 6L], summary.Errors.Select(e => e.Line));
        Assert.Equal(["x", "color", "x"], summary.Errors.Select(e => e.Column));
        Assert.Equal("WrongType", summary.Errors[0].Code);
        Assert.Equal(["1", "3", "6"], BatchFiles.Read(output, DataFormat.Jsonl).Select(r => (string)r["id"]!)); // CSV cells pass through as text
    }

    [Theory]
    [InlineData(DataFormat.Parquet)]
    [InlineData(DataFormat.Jsonl)]
    [InlineData(DataFormat.Csv)]
    public async Task OnErrorErrorColumn_WritesBadRowsWithNullOutputsAndTheReason(DataFormat format)
    {
        string output = Path.Combine(_dir, "out" + BatchRoundTripTests.Ext(format));
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(BadInput(), output, "error-column"), BatchTestModel.Create());

        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        Assert.Equal(6, summary.RowsWritten);
        Assert.Equal(3, summary.RowsFailed);
        var rows = BatchFiles.Read(output, format);
        Assert.Equal(["id", "color", "x", "rawPrediction", "probability", "prediction", "_error"], rows[0].Keys);
        Assert.Null(rows[0]["_error"]);
        Assert.NotNull(rows[0]["prediction"]);
        Assert.Null(rows[1]["prediction"]);
        Assert.Null(rows[1]["probability"]);
        Assert.Contains("x", (string)rows[1]["_error"]!);
        Assert.Contains("purple", (string)rows[3]["_error"]!);
    }

    [Fact]
    public async Task HandleInvalidSkip_DropsTheRowAsSpark_AndCountsItSkipped()
    {
        string input = Path.Combine(_dir, "in.jsonl"), output = Path.Combine(_dir, "out.csv");
        File.WriteAllText(input, "{\"color\":\"red\",\"x\":1}\n{\"color\":\"purple\",\"x\":2}\n{\"color\":\"blue\",\"x\":3}\n");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, "fail"), BatchTestModel.Create("skip"));

        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        Assert.Equal(1, summary.RowsSkipped);
        Assert.Equal(0, summary.RowsFailed);
        Assert.Equal(2, summary.RowsWritten);
        Assert.Equal(2L, summary.Errors.Single().Line);
        Assert.Equal(2, BatchFiles.Read(output, DataFormat.Csv).Count);
    }

    [Fact]
    public async Task Jsonl_BadLines_AreRowErrorsNamingTheLine()
    {
        string input = Path.Combine(_dir, "in.jsonl"), output = Path.Combine(_dir, "out.jsonl");
        File.WriteAllText(input, "{\"color\":\"red\",\"x\":1}\n\n{\"color\":\"red\",\"x\":\n{\"color\":\"red\"}\n{\"color\":\"red\",\"x\":\"high\"}\n[1,2]\n");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, "skip-row"), BatchTestModel.Create());

        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        Assert.Equal(1, summary.RowsWritten);
        Assert.Equal([3L, 4L, 5L, 6L], summary.Errors.Select(e => e.Line));
        Assert.Equal("MissingColumn", summary.Errors[1].Code);
        Assert.Equal("x", summary.Errors[1].Column);
        Assert.Equal("x", summary.Errors[2].Column);
    }
}
