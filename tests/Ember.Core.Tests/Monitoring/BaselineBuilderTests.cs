using System.Text.Json;
using Ember.Monitoring;
using Ember.Parquet;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class BaselineBuilderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-baseline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CsvJsonLinesAndParquetSamples_GiveTheSameProfiles()
    {
        var rows = MonitoringSamples.Rows(3, 700);
        string csv = Path.Combine(_dir, "s.csv"), jsonl = Path.Combine(_dir, "s.jsonl"), parquet = Path.Combine(_dir, "s.parquet");
        MonitoringSamples.WriteCsv(csv, rows);
        File.WriteAllLines(jsonl, rows.Select(r => JsonSerializer.Serialize(new Dictionary<string, object> { ["x"] = r.X, ["color"] = r.Color })));
        var schema = new ParquetSchema(ParquetField.Double("x"), ParquetField.String("color"));
        using (var w = ParquetFileWriter.Create(parquet, schema, new ParquetWriteOptions()))
            foreach (var r in rows)
                w.WriteRow(r.X, r.Color);
        var pipeline = MonitoringSamples.Pipeline();
        var fromCsv = Strip(BaselineBuilder.Build(pipeline, csv).Baseline);
        Assert.Equal(fromCsv, Strip(BaselineBuilder.Build(pipeline, jsonl).Baseline));
        Assert.Equal(fromCsv, Strip(BaselineBuilder.Build(pipeline, parquet).Baseline));
    }

    [Fact]
    public void Sample_MissingColumn_NamesItAndTheFile()
    {
        string csv = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(csv, "x,colour\n1,red\n");
        var ex = Assert.Throws<FormatException>(() => BaselineBuilder.Build(MonitoringSamples.Pipeline(), csv));
        Assert.Contains("'color'", ex.Message);
        Assert.Contains("bad.csv", ex.Message);
    }

    [Fact]
    public void Sample_BadCells_RowsLeftOutWithLineAndColumn()
    {
        string csv = Path.Combine(_dir, "mixed.csv");
        File.WriteAllText(csv, "x,color\n1.5,red\nabc,green\n\"2\",\"blue, dark\"\n");
        var result = BaselineBuilder.Build(MonitoringSamples.Pipeline(), csv);
        Assert.Equal(2, result.Baseline.Rows);
        Assert.Equal(1, result.Baseline.RejectedRows);
        Assert.Contains(result.Problems, p => p.Contains("line 3") && p.Contains("'x'"));
        Assert.Contains(result.Baseline.Inputs.Single(c => c.Name == "color").Categorical!.Values, v => v.Value == "blue, dark");
    }

    [Fact]
    public void Sample_NoUsableRow_Throws()
    {
        string csv = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(csv, "x,color\n");
        Assert.Throws<BaselineException>(() => BaselineBuilder.Build(MonitoringSamples.Pipeline(), csv));
        Assert.Throws<FormatException>(() => BaselineBuilder.Build(MonitoringSamples.Pipeline(), Path.Combine(_dir, "x.txt").Also(p => File.WriteAllText(p, ""))));
    }

    [Fact]
    public void Baseline_RoundTripsThroughTheManifestField()
    {
        string csv = Path.Combine(_dir, "s.csv");
        MonitoringSamples.WriteCsv(csv, MonitoringSamples.Rows(3, 300));
        var baseline = BaselineBuilder.Build(MonitoringSamples.Pipeline(), csv).Baseline;
        var element = BaselineCodec.ToJsonElement(baseline);
        var back = BaselineCodec.FromManifest(element)!;
        Assert.Equal(JsonSerializer.Serialize(baseline, Ember.Api.EmberJsonContext.Default.ModelBaseline),
            JsonSerializer.Serialize(back, Ember.Api.EmberJsonContext.Default.ModelBaseline));
        Assert.Null(BaselineCodec.FromManifest(null));
        using var wrong = JsonDocument.Parse("""{"formatVersion":99,"rows":1,"createdAt":"2025-01-01T00:00:00Z","rejectedRows":0,"inputs":[],"outputs":[]}""");
        Assert.Throws<FormatException>(() => BaselineCodec.FromManifest(wrong.RootElement));
    }

    // Everything but the file name and time.
    private static string Strip(ModelBaseline b) =>
        JsonSerializer.Serialize(b with { Source = null, CreatedAt = default }, Ember.Api.EmberJsonContext.Default.ModelBaseline);
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
