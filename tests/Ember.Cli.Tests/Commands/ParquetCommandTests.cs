using System.CommandLine;
using Ember.Cli.Commands;
using Ember.Parquet;
using Ember.Testing;
using Xunit;

namespace Ember.Cli.Tests.Commands;

public sealed class ParquetCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-parquet-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteSample()
    {
        string path = Path.Combine(_dir, "sample.parquet");
        var schema = new ParquetSchema(
            ParquetField.String("name"), ParquetField.Double("score"),
            ParquetField.Primitive("day", ParquetPhysicalType.Int32, logicalType: new ParquetLogicalType(ParquetLogicalTypeKind.Date)),
            ParquetField.Primitive("at", ParquetPhysicalType.Int64, logicalType: new ParquetLogicalType(ParquetLogicalTypeKind.Timestamp) { Unit = ParquetTimeUnit.Micros, IsAdjustedToUtc = true }),
            ParquetField.Primitive("price", ParquetPhysicalType.Int64, logicalType: new ParquetLogicalType(ParquetLogicalTypeKind.Decimal) { Precision = 12, Scale = 2 }),
            ParquetField.Primitive("raw", ParquetPhysicalType.ByteArray),
            ParquetField.List("features", ParquetField.Double("element", nullable: false)),
            ParquetField.Struct("meta", true, ParquetField.Int32("k")));
        using var w = ParquetFileWriter.Create(path, schema);
        w.WriteRow("a", double.NaN, new DateOnly(2024, 2, 29), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), 12.50m, new byte[] { 1, 2, 3 }, new List<object?> { 1.0, double.PositiveInfinity }, new ParquetRecord(["k"], [7]));
        w.WriteRow(null, double.NegativeInfinity, null, null, null, null, null, null);
        w.WriteRow("c", 0.25, null, null, null, null, new List<object?>(), null);
        return path;
    }

    [Fact]
    public void Cat_PrintsRowsAsJsonLines_WithIsoDatesDecimalStringsBase64AndNonFiniteStrings()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, ParquetCommand.Cat(WriteSample(), head: null, output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"name":"a","score":"NaN","day":"2024-02-29","at":"2024-01-02T03:04:05Z","price":"12.50","raw":"AQID","features":[1,"Infinity"],"meta":{"k":7}}""", lines[0]);
        Assert.Equal("""{"name":null,"score":"-Infinity","day":null,"at":null,"price":null,"raw":null,"features":null,"meta":null}""", lines[1]);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Cat_WithHead_PrintsOnlyTheFirstRows()
    {
        var output = new StringWriter();
        Assert.Equal(0, ParquetCommand.Cat(WriteSample(), head: 1, output, new StringWriter()));
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Schema_PrintsMessageRowsAndRowGroups()
    {
        var output = new StringWriter();
        Assert.Equal(0, ParquetCommand.Schema(WriteSample(), output, new StringWriter()));
        string text = output.ToString();
        Assert.Contains("optional group features (LIST) {", text, StringComparison.Ordinal);
        Assert.Contains("optional binary name (STRING);", text, StringComparison.Ordinal);
        Assert.Contains("rows: 3", text, StringComparison.Ordinal);
        Assert.Contains("row groups: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NotParquet_FailsWithExitCode1_AndAMessageNamingTheFile()
    {
        string path = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(path, "this is not a parquet file at all");
        var error = new StringWriter();
        Assert.Equal(1, ParquetCommand.Cat(path, null, new StringWriter(), error));
        Assert.Contains(path, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("PAR1", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_ParsesParquetCatWithHead()
    {
        var root = new RootCommand();
        foreach (var c in CommandCatalog.All())
            root.Subcommands.Add(c);
        var output = new StringWriter();
        int rc = root.Parse(["parquet", "cat", WriteSample(), "--head", "2"]).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        Assert.Equal(0, rc);
        Assert.Equal(2, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    [Trait("Corpus", "parquet-testing")]
    public void Cat_NestedCorpusFile_PrintsNestedArrays()
    {
        var output = new StringWriter();
        string file = Path.Combine(Corpus.Require(Corpus.ParquetTesting), "data", "nested_maps.snappy.parquet");
        Assert.Equal(0, ParquetCommand.Cat(file, 1, output, new StringWriter()));
        Assert.Equal("""{"a":{"a":{"1":true,"2":false}},"b":1,"c":1}""", output.ToString().Trim());
    }
}
