using System.Text.Json;
using Ember.Batch;
using Ember.Parquet;
using Xunit;

namespace Ember.Core.Tests.Batch;

public sealed class BatchSplitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-split-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(DataFormat.Parquet, 4)]
    [InlineData(DataFormat.Csv, 3)]
    [InlineData(DataFormat.Jsonl, 5)]
    public async Task Parts_TogetherScoreEveryRowOnce_AndTheLastWritesTheManifest(DataFormat format, int parts)
    {
        var rows = BatchFiles.Rows(3001);
        string input = Path.Combine(_dir, "in" + BatchRoundTripTests.Ext(format));
        string output = Path.Combine(_dir, "scores.jsonl");
        BatchFiles.Write(input, format, rows, rowGroupRows: 300);
        var model = BatchTestModel.Create();

        var summaries = new List<BatchSummary>();
        foreach (int i in new[] { 2, 0 }.Concat(Enumerable.Range(0, parts).Where(p => p is not 0 and not 2)))
        {
            Assert.False(File.Exists(Path.Combine(output, "_manifest.json")));
            summaries.Add(await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(input, output, chunkRows: 256, part: new BatchPart(i, parts)), model));
        }

        Assert.All(summaries, s => Assert.Equal(BatchSummary.Succeeded, s.Status));
        Assert.Equal(parts, summaries.Select(s => s.JobId).Distinct().Count());
        var ids = Enumerable.Range(0, parts)
            .SelectMany(i => BatchFiles.Read(Path.Combine(output, $"part-{i:D5}.jsonl"), DataFormat.Jsonl))
            .Select(r => Convert.ToInt64(r["id"] is string s ? long.Parse(s) : r["id"]))
            .ToList();
        Assert.Equal(rows.Select(r => r.Id), ids);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "_manifest.json")));
        Assert.Equal(parts, manifest.RootElement.GetProperty("partCount").GetInt32());
        Assert.Equal(3001, manifest.RootElement.GetProperty("rowsWritten").GetInt64());
        Assert.Equal(Enumerable.Range(0, parts).Select(i => $"part-{i:D5}.jsonl"),
            manifest.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task ParquetVectorInput_SparkVectorStructAndListColumns_AreRead()
    {
        var model = BatchTestModel.VectorInput();
        string structInput = Path.Combine(_dir, "struct.parquet"), listInput = Path.Combine(_dir, "list.parquet");
        var vectorStruct = ParquetField.Struct("features", true,
            ParquetField.Int8("type", nullable: false), ParquetField.Int32("size"),
            ParquetField.List("indices", ParquetField.Int32("element", nullable: false)),
            ParquetField.List("values", ParquetField.Double("element", nullable: false)));
        using (var w = ParquetFileWriter.Create(structInput, new ParquetSchema(ParquetField.Int64("id"), vectorStruct)))
        {
            w.WriteRow(1L, new ParquetRecord(["type", "size", "indices", "values"], [(sbyte)1, null, null, new List<object?> { 1.0, 2.0, 3.0 }]));
            w.WriteRow(2L, new ParquetRecord(["type", "size", "indices", "values"], [(sbyte)0, 3, new List<object?> { 2 }, new List<object?> { 4.0 }]));
        }
        using (var w = ParquetFileWriter.Create(listInput, new ParquetSchema(ParquetField.Int64("id"), ParquetField.List("features", ParquetField.Double("element", nullable: false)))))
        {
            w.WriteRow(1L, new List<object?> { 1.0, 2.0, 3.0 });
            w.WriteRow(2L, new List<object?> { 0.0, 0.0, 4.0 });
        }
        var expected = Core.Tests.Pipeline.PipelineHarness.Score(model.Pipeline, ["probability"],
            Core.Tests.Pipeline.PipelineHarness.Row(("features", Ember.Pipeline.SparkVector.Dense([1.0, 2.0, 3.0]))),
            Core.Tests.Pipeline.PipelineHarness.Row(("features", Ember.Pipeline.SparkVector.Dense([0.0, 0.0, 4.0]))));

        foreach (string input in new[] { structInput, listInput })
        {
            string output = input + ".out.jsonl";
            var job = BatchJobParser.Validate(new BatchJobMessage("vectors", null, null, input, output, null, null, ["*"], null, null, null, null));
            var summary = await BatchTestModel.FileRunner().RunAsync(job, model);
            Assert.True(summary.Status == BatchSummary.Succeeded, summary.Error);
            var rows = BatchFiles.Read(output, DataFormat.Jsonl);
            Assert.Equal(expected.Select(e => e.Vector("probability").ToArray()), rows.Select(r => BatchFiles.AsVector(r["probability"])));
        }
    }

    [Fact]
    public async Task ParquetListInput_WithANullElement_FallsBackToRecords_AndNamesTheRowAndElement()
    {
        // Spark's array<double> has containsNull = true: the elements are nullable, and a null one
        // cannot be read columnar, so that group is read as records (this crashed before).
        var model = BatchTestModel.VectorInput();
        string input = Path.Combine(_dir, "nullable-list.parquet");
        using (var w = ParquetFileWriter.Create(input, new ParquetSchema(ParquetField.Int64("id"), ParquetField.List("features", ParquetField.Double("element", nullable: true)))))
        {
            w.WriteRow(1L, new List<object?> { 1.0, 2.0, 3.0 });
            w.WriteRow(2L, new List<object?> { 0.0, null, 4.0 });
            w.WriteRow(3L, new List<object?> { 0.0, 0.0, 4.0 });
        }
        string output = input + ".out.jsonl";
        var job = BatchJobParser.Validate(new BatchJobMessage("vectors", null, null, input, output, null, null, ["*"], null, null, null, null));

        var summary = await BatchTestModel.FileRunner().RunAsync(job, model);

        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.Contains("row 2, column 'features': element 1 of the list is null, and a vector holds no nulls", summary.Error, StringComparison.Ordinal);
    }
}
