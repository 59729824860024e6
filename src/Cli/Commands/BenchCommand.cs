using System.CommandLine;
using System.Text.Json;
using Ember.Api;
using Ember.Batch;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember bench --model M --input F [--seconds N]`: one JSON line with single-row latency (p50,
/// p99 in µs) and batch throughput (rows/s) of the model on up to 65,536 rows of that data.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A saved Spark model directory, a .zip of one, or a bundle.", Required = true };
        var input = new Option<string>("--input") { Description = "Sample rows: .csv, .parquet or .jsonl (the first 65,536 rows are used).", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time, split between latency and throughput (default 10).", DefaultValueFactory = _ => 10 };
        var schema = new Option<string?>("--schema") { Description = "A Spark StructType JSON giving the input column types." };
        var command = new Command("bench", "Measure single-row latency and batch throughput of a model on a file.") { model, input, seconds, schema };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(seconds), parse.GetValue(schema), Console.Out, Console.Error, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string modelPath, string input, double seconds, string? schema, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if (seconds is <= 0 or > 3600)
                throw new BatchJobException("--seconds must be above 0 and at most 3600", retryable: false);
            if (!DataFormats.TryFromName(input, out var format))
                throw new BatchJobException($"{input}: use a .csv, .parquet or .jsonl file", retryable: false);
            var model = LocalModels.Load(modelPath, schema);
            var result = await BatchBenchmark.RunAsync(model, input, format, TimeSpan.FromSeconds(seconds), null, cancellationToken);
            output.WriteLine(JsonSerializer.Serialize(result, EmberJsonContext.Default.BenchResult));
            return 0;
        }
        catch (Exception ex) when (LocalModels.IsUserError(ex) || ex is BatchJobException)
        {
            error.WriteLine($"ember bench: {ex.Message}");
            return 2;
        }
    }
}
