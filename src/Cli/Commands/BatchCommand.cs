using System.CommandLine;
using System.Text.Json;
using Ember.Api;
using Ember.Batch;
using Ember.Serving;
using Ember.Storage;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember batch --model M --input I --output O [--split N] ...`: runs the queue's batch runner
/// locally (inputs and outputs may be paths, s3:// or Blob URLs), with a progress bar. With
/// --split N the input is scored as N parts (in parallel, up to the core count) and the manifest
/// is written last; --emit-jobs prints the N part messages instead, for a queue to fan out.
/// </summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A saved Spark model directory, a .zip of one, or a bundle.", Required = true };
        var modelName = new Option<string?>("--model-name") { Description = "The model name in the store, for --emit-jobs (default: the folder name of --model)." };
        var input = new Option<string>("--input") { Description = "A path, s3://bucket/key or a Blob URL (.parquet, .csv, .jsonl).", Required = true };
        var output = new Option<string>("--output") { Description = "A path, s3://bucket/key or a Blob URL (.parquet, .csv, .jsonl).", Required = true };
        var split = new Option<int?>("--split") { Description = "Score the input as N parts (Parquet row groups, text byte ranges) under <output>/part-NNNNN." };
        var emit = new Option<bool>("--emit-jobs") { Description = "With --split: print the part job messages (one JSON per line) instead of running them." };
        var passthrough = new Option<string?>("--passthrough") { Description = "Input columns to copy, comma separated, or * for all (default: none)." };
        var onError = new Option<string>("--on-error") { Description = "fail, skip-row or error-column.", DefaultValueFactory = _ => "fail" };
        onError.AcceptOnlyFromAmong("fail", "skip-row", "error-column");
        var chunkRows = new Option<int?>("--chunk-rows") { Description = $"Rows per chunk (default {BatchJob.DefaultChunkRows})." };
        var jobId = new Option<string?>("--job-id") { Description = "Idempotency key (default: derived from the job)." };
        var schema = new Option<string?>("--schema") { Description = "A Spark StructType JSON giving the input column types." };
        var command = new Command("batch", "Run a batch scoring job locally, as the queue functions do.")
        {
            model, modelName, input, output, split, emit, passthrough, onError, chunkRows, jobId, schema,
        };
        command.SetAction((parse, ct) =>
        {
            var message = new BatchJobMessage(parse.GetValue(modelName) ?? "", null, null, parse.GetValue(input), parse.GetValue(output), null, null,
                parse.GetValue(passthrough)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                parse.GetValue(chunkRows), parse.GetValue(onError), parse.GetValue(jobId), null);
            return RunAsync(parse.GetValue(model)!, parse.GetValue(schema), message, parse.GetValue(split), parse.GetValue(emit),
                Console.Out, Console.Error, ProgressDisplay.ForConsole(), Environment.GetEnvironmentVariable, ct);
        });
        return command;
    }

    internal static async Task<int> RunAsync(string modelPath, string? schema, BatchJobMessage message, int? split, bool emitJobs,
        TextWriter output, TextWriter error, ProgressDisplay? progress, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        try
        {
            if (split is < 1 or > BatchJob.MaxParts)
                throw new BatchJobException($"--split must be between 1 and {BatchJob.MaxParts}", retryable: false);
            if (emitJobs)
            {
                if (split is not { } n)
                    throw new BatchJobException("--emit-jobs needs --split N", retryable: false);
                string name = message.Model is { Length: > 0 } given ? given : Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelPath)));
                for (int i = 0; i < n; i++)
                {
                    var part = message with { Model = name, Part = new BatchPart(i, n) };
                    BatchJobParser.Validate(part);
                    output.WriteLine(JsonSerializer.Serialize(part, EmberJsonContext.Default.BatchJobMessage));
                }
                return 0;
            }

            ServedModel model = LocalModels.Load(modelPath, schema);
            message = message with { Model = message.Model is { Length: > 0 } ? message.Model : model.Name };
            var runner = new BatchRunner(new BatchRunnerOptions
            {
                OpenStore = uri => ObjectStoreFactory.FromUri(uri, environment),
                SpoolDirectory = environment(Configuration.EmberSettings.BatchSpoolDirectory),
            });
            int parts = split ?? 1;
            var jobs = Enumerable.Range(0, parts)
                .Select(i => BatchJobParser.Validate(split is null ? message : message with { Part = new BatchPart(i, parts) }))
                .ToArray();
            var perPart = new BatchProgress[parts];
            var summaries = new BatchSummary[parts];
            await Parallel.ForAsync(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var context = new BatchRunContext
                {
                    Progress = p =>
                    {
                        lock (perPart)
                        {
                            perPart[i] = p;
                            progress?.Report(Sum(perPart));
                        }
                    },
                };
                summaries[i] = await runner.RunAsync(jobs[i], _ => ValueTask.FromResult(model), context, ct);
            });
            progress?.Report(Sum(perPart), final: true);
            progress?.Finish();

            foreach (var s in summaries)
                output.WriteLine(JsonSerializer.Serialize(s, EmberJsonContext.Default.BatchSummary));
            var failed = summaries.Where(s => s.Status != BatchSummary.Succeeded).ToArray();
            foreach (var s in failed)
                error.WriteLine($"ember batch: {(s.Part is { } p ? $"part {p.Index}: " : "")}{s.Error}");
            return failed.Length == 0 ? 0 : 1;
        }
        catch (Exception ex) when (LocalModels.IsUserError(ex) || ex is BatchJobException or ObjectStoreException)
        {
            error.WriteLine($"ember batch: {ex.Message}");
            return 2;
        }
    }

    private static BatchProgress Sum(BatchProgress[] parts)
    {
        long read = 0, written = 0, bytes = 0;
        long? rows = 0, totalBytes = 0;
        TimeSpan elapsed = default;
        foreach (var p in parts)
        {
            read += p.RowsRead;
            written += p.RowsWritten;
            bytes += p.BytesRead;
            rows = rows is { } r && p.TotalRows is { } t ? r + t : null;
            totalBytes = totalBytes is { } b && p.TotalBytes is { } tb ? b + tb : null;
            if (p.Elapsed > elapsed) elapsed = p.Elapsed;
        }
        return new BatchProgress(read, written, rows, bytes, totalBytes, elapsed);
    }
}
