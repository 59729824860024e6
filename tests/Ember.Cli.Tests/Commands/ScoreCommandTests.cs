using System.Globalization;
using System.Text.Json;
using Ember.Cli.Commands;
using Ember.Testing;
using Xunit;

namespace Ember.Cli.Tests.Commands;

[Trait(Corpus.Trait, "zoo")]
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-score-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Iris => Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-lr-iris-s210");

    [Fact]
    public async Task Score_IrisCsvToJsonl_EachInputRowPlusOutputs_ReproducingSpark()
    {
        string output = Path.Combine(_dir, "scores.jsonl");
        var error = new StringWriter();

        int code = await ScoreCommand.RunAsync(Path.Combine(Iris, "model"), Path.Combine(Iris, "data", "Iris.csv"), output, null, null, "fail", error, default);

        Assert.True(code == 0, error.ToString());
        string[] lines = File.ReadAllLines(output);
        string[] expected = File.ReadAllLines(Path.Combine(Iris, "data", "expected_LogisticRegressionIris.csv"))[1..];
        Assert.Equal(150, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var row = doc.RootElement;
            Assert.Equal(["Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width", "Species"], row.EnumerateObject().Take(5).Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, row.GetProperty("Sepal_Length").ValueKind); // typed by the model's input schema
            string[] spark = expected[i].Split(',');
            Assert.Equal(spark[0], row.GetProperty("speciesValue").GetString());
            var probability = row.GetProperty("probability").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var sparkProbabilities = spark[1..].Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            // Within 1 ulp, as the zoo conformance suite allows for exp/log.
            Assert.Equal(sparkProbabilities.Length, probability.Length);
            for (int k = 0; k < probability.Length; k++)
                Assert.InRange(probability[k], Math.BitDecrement(sparkProbabilities[k]), Math.BitIncrement(sparkProbabilities[k]));
        }
    }

    [Fact]
    public async Task Score_BadCell_StopsNamingLineAndColumn_UnlessOnErrorSkip()
    {
        string input = Path.Combine(_dir, "bad.csv"), output = Path.Combine(_dir, "out.csv");
        File.WriteAllText(input, "Sepal_Length,Sepal_Width,Petal_Length,Petal_Width\n5.1,3.5,1.4,0.2\n5.1,wide,1.4,0.2\n4.9,3,NA,0.2\n6.3,3.3,6,2.5\n");
        var error = new StringWriter();

        Assert.Equal(1, await ScoreCommand.RunAsync(Path.Combine(Iris, "model"), input, output, null, null, "fail", error, default));
        Assert.Contains("line 3, column 'Sepal_Width'", error.ToString());
        Assert.Contains("wide", error.ToString());
        Assert.False(File.Exists(output));

        error = new StringWriter();
        Assert.Equal(0, await ScoreCommand.RunAsync(Path.Combine(Iris, "model"), input, output, null, "NA", "skip", error, default));
        Assert.Contains("2 bad row(s) left out", error.ToString());
        Assert.Contains("line 4, column 'Petal_Length'", error.ToString());
        Assert.Equal(3, File.ReadAllLines(output).Length); // header + 2 rows
    }

    [Fact]
    public async Task Score_ParquetToParquet_WithSchema_AndMissingModel_IsExitCode2()
    {
        var error = new StringWriter();
        Assert.Equal(2, await ScoreCommand.RunAsync(Path.Combine(_dir, "no-model"), Path.Combine(Iris, "data", "Iris.csv"), Path.Combine(_dir, "o.csv"), null, null, "fail", error, default));
        Assert.StartsWith("ember score:", error.ToString());

        string schema = Path.Combine(Iris, "data", "Iris.schema.json");
        string parquet = Path.Combine(_dir, "scores.parquet");
        Assert.Equal(0, await ScoreCommand.RunAsync(Path.Combine(Iris, "model"), Path.Combine(Iris, "data", "Iris.csv"), parquet, schema, null, "fail", new StringWriter(), default));
        string back = Path.Combine(_dir, "back.jsonl");
        Assert.Equal(0, await ScoreCommand.RunAsync(Path.Combine(Iris, "model"), parquet, back, null, null, "fail", new StringWriter(), default));
        Assert.Equal(150, File.ReadAllLines(back).Length);
    }

    [Fact]
    public async Task Bench_PrintsOneJsonLineWithLatencyAndThroughput()
    {
        var output = new StringWriter();
        Assert.Equal(0, await BenchCommand.RunAsync(Path.Combine(Iris, "model"), Path.Combine(Iris, "data", "Iris.csv"), 0.5, null, output, new StringWriter(), default));
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var doc = JsonDocument.Parse(Assert.Single(lines));
        Assert.Equal(150, doc.RootElement.GetProperty("rows").GetInt32());
        Assert.True(doc.RootElement.GetProperty("p50Us").GetDouble() > 0);
        Assert.True(doc.RootElement.GetProperty("p99Us").GetDouble() >= doc.RootElement.GetProperty("p50Us").GetDouble());
        Assert.True(doc.RootElement.GetProperty("batchRowsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task Batch_Split_ScoresEveryRowInParts_AndEmitJobsPrintsThePartMessages()
    {
        string output = Path.Combine(_dir, "scores.parquet");
        var stdout = new StringWriter();
        var message = new Ember.Batch.BatchJobMessage("", null, null, Path.Combine(Iris, "data", "Iris.csv"), output, null, null, ["Species"], 40, null, null, null);

        int code = await BatchCommand.RunAsync(Path.Combine(Iris, "model"), null, message, 4, false, stdout, new StringWriter(), null, _ => null, default);

        Assert.Equal(0, code);
        Assert.Equal(4, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "_manifest.json")));
        Assert.Equal(150, manifest.RootElement.GetProperty("rowsWritten").GetInt64());

        var jobs = new StringWriter();
        Assert.Equal(0, await BatchCommand.RunAsync(Path.Combine(Iris, "model"), null, message with { Model = "iris" }, 3, true, jobs, new StringWriter(), null, _ => null, default));
        var parts = jobs.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Ember.Batch.BatchJobParser.Parse).ToArray();
        Assert.Equal([0, 1, 2], parts.Select(p => p.Part!.Index));
        Assert.All(parts, p => Assert.Equal("iris", p.Model));
    }
}
