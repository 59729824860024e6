using Ember.Batch;
using Xunit;

namespace Ember.Core.Tests.Batch;

public sealed class BatchRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<DataFormat, DataFormat> Formats()
    {
        var data = new TheoryData<DataFormat, DataFormat>();
        foreach (var i in Enum.GetValues<DataFormat>())
            foreach (var o in Enum.GetValues<DataFormat>())
                data.Add(i, o);
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Run_EveryFormatPair_WritesPassthroughAndPredictionsEqualToDirectScoring(DataFormat inputFormat, DataFormat outputFormat)
    {
        var rows = BatchFiles.Rows(2500);
        string input = Path.Combine(_dir, "in" + Ext(inputFormat));
        string output = Path.Combine(_dir, "out" + Ext(outputFormat));
        BatchFiles.Write(input, inputFormat, rows, rowGroupRows: 700);
        var model = BatchTestModel.Create();

        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, chunkRows: 1000), model);

        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        Assert.Equal(2500, summary.RowsRead);
        Assert.Equal(2500, summary.RowsWritten);
        Assert.Equal("colors", summary.Model);
        Assert.Equal("7", summary.ModelVersion);
        Assert.NotNull(summary.InputETag);
        var written = BatchFiles.Read(output, outputFormat);
        Assert.Equal(2500, written.Count);
        Assert.Equal(["id", "color", "x", "rawPrediction", "probability", "prediction"], written[0].Keys);
        var direct = BatchTestModel.Direct(model, rows.Select(r => (r.Color!, r.X)).ToArray());
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Id, (long)BatchFiles.AsDouble(written[i]["id"]));
            Assert.Equal(rows[i].Color, written[i]["color"]);
            Assert.Equal(rows[i].X!.Value, BatchFiles.AsDouble(written[i]["x"]));
            Assert.Equal(direct[i].Vector("probability").ToArray(), BatchFiles.AsVector(written[i]["probability"]));
            Assert.Equal(direct[i].Vector("rawPrediction").ToArray(), BatchFiles.AsVector(written[i]["rawPrediction"]));
            Assert.Equal((double)direct[i]["prediction"]!, BatchFiles.AsDouble(written[i]["prediction"]));
        }
        Assert.True(File.Exists(output + "._ember.json"));
    }

    [Fact]
    public async Task Run_NamedPassthrough_CopiesOnlyThoseColumns()
    {
        string input = Path.Combine(_dir, "in.csv"), output = Path.Combine(_dir, "out.jsonl");
        BatchFiles.Write(input, DataFormat.Csv, BatchFiles.Rows(5));
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, passthrough: ["ID"]), BatchTestModel.Create());
        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        Assert.Equal(["id", "rawPrediction", "probability", "prediction"], BatchFiles.Read(output, DataFormat.Jsonl)[0].Keys);
    }

    [Fact]
    public async Task Run_PassthroughMissingFromInput_FailsNamingTheColumn()
    {
        string input = Path.Combine(_dir, "in.parquet"), output = Path.Combine(_dir, "out.csv");
        BatchFiles.Write(input, DataFormat.Parquet, BatchFiles.Rows(5));
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, passthrough: ["customer"]), BatchTestModel.Create());
        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.False(summary.Retryable);
        Assert.Contains("'customer'", summary.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Run_InputWithoutAModelColumn_FailsNamingIt()
    {
        string input = Path.Combine(_dir, "in.csv"), output = Path.Combine(_dir, "out.csv");
        File.WriteAllText(input, "id,colour,x\n1,red,2\n");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output), BatchTestModel.Create());
        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.Contains("no column 'color'", summary.Error);
        Assert.Contains("colour", summary.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Run_MissingInput_FailsNotRetryable_AndRecordsTheReasonInTheSummary()
    {
        string output = Path.Combine(_dir, "out.csv");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(Path.Combine(_dir, "nope.csv"), output), BatchTestModel.Create());
        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.False(summary.Retryable);
        Assert.Contains("does not exist", summary.Error);
        Assert.False(File.Exists(output));
        Assert.Contains("does not exist", File.ReadAllText(output + "._ember.json"));
    }

    [Fact]
    public async Task Run_CsvWithQuotesCrlfAndBom_ReadsEveryCell()
    {
        string input = Path.Combine(_dir, "in.csv"), output = Path.Combine(_dir, "out.jsonl");
        File.WriteAllText(input, "\uFEFFnote,color,x\r\n\"say \"\"hi\"\", then\r\nbye\",red,1.5\r\n,blue, 2e0 \r\n\r\n");
        var summary = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output), BatchTestModel.Create());
        Assert.Equal(BatchSummary.Succeeded, summary.Status);
        var rows = BatchFiles.Read(output, DataFormat.Jsonl);
        Assert.Equal(2, rows.Count);
        Assert.Equal("say \"hi\", then\r\nbye", rows[0]["note"]);
        Assert.Null(rows[1]["note"]);
        Assert.Equal(BatchTestModel.Direct(BatchTestModel.Create(), ("blue", 2.0))[0].Vector("probability").ToArray(), BatchFiles.AsVector(rows[1]["probability"]));
    }

    internal static string Ext(DataFormat f) => f switch { DataFormat.Parquet => ".parquet", DataFormat.Csv => ".csv", _ => ".jsonl" };
}
