using System.CommandLine;
using Ember.Batch;
using Ember.Storage;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember score --model M --input in.csv|.parquet|.jsonl --output out.jsonl|.csv|.parquet
/// [--schema S] [--null-value T] [--on-error fail|skip]`: every input row plus the model's
/// outputs, through the batch runner (same readers, writers and commit-last output).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A saved Spark model directory, a .zip of one, or a bundle.", Required = true };
        var input = new Option<string>("--input") { Description = "Rows to score: .csv (with a header), .parquet or .jsonl.", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write: .jsonl, .csv or .parquet.", Required = true };
        var schema = new Option<string?>("--schema") { Description = "A Spark StructType JSON (df.schema.json()) giving the input column types." };
        var nullValue = new Option<string?>("--null-value") { Description = "A CSV cell equal to this is null (an empty cell always is)." };
        var onError = new Option<string>("--on-error") { Description = "fail (default): stop at the first bad row; skip: leave bad rows out.", DefaultValueFactory = _ => "fail" };
        onError.AcceptOnlyFromAmong("fail", "skip");
        var command = new Command("score", "Score a file with a model: each output row is the input row plus the model's outputs.")
        {
            model, input, output, schema, nullValue, onError,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!,
            parse.GetValue(schema), parse.GetValue(nullValue), parse.GetValue(onError)!, Console.Error, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string modelPath, string input, string output, string? schema, string? nullValue,
        string onError, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var model = LocalModels.Load(modelPath, schema);
            var job = BatchJobParser.Validate(new BatchJobMessage(model.Name, null, null, input, output, null, null, [BatchJob.AllColumns],
                null, onError == "skip" ? "skip-row" : "fail", "score", null));
            var runner = new BatchRunner(new BatchRunnerOptions { OpenStore = uri => new FileStore(uri), Summaries = false });
            var summary = await runner.RunAsync(job, _ => ValueTask.FromResult(model), new BatchRunContext { NullToken = nullValue }, cancellationToken);
            if (summary.Status != BatchSummary.Succeeded)
            {
                error.WriteLine($"ember score: {summary.Error}");
                return 1;
            }
            if (summary.RowsSkipped > 0)
                error.WriteLine($"ember score: {summary.RowsSkipped} row(s) dropped by a stage with handleInvalid = skip");
            if (summary.RowsFailed > 0)
                error.WriteLine($"ember score: {summary.RowsFailed} bad row(s) left out (--on-error skip)");
            foreach (var e in summary.Errors)
                error.WriteLine($"  line {e.Line}, column '{e.Column}': {e.Message}");
            return 0;
        }
        catch (Exception ex) when (LocalModels.IsUserError(ex) || ex is BatchJobException)
        {
            error.WriteLine($"ember score: {ex.Message}");
            return 2;
        }
    }
}
