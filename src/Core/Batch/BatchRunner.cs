using System.Diagnostics;
using Ember.Parquet;
using Ember.Serving;
using Ember.Storage;

namespace Ember.Batch;

/// <summary>
/// Runs one batch job: checks whether it is already committed, streams the input through the
/// model's compiled pipeline chunk by chunk, uploads the output commit-last, then writes the
/// summary. Never throws for a failed job: the summary says failed, why, and whether a retry may
/// succeed; the output name stays empty.
/// </summary>
public sealed partial class BatchRunner(BatchRunnerOptions options)
{
    public BatchRunnerOptions Options { get; } = options;

    /// <param name="getModel">Resolves the model (only called when the job is not already committed).</param>
    public async Task<BatchSummary> RunAsync(BatchJob job, Func<CancellationToken, ValueTask<ServedModel>> getModel, BatchRunContext context, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        long t0 = Stopwatch.GetTimestamp();
        var counters = new RowCounters();
        ServedModel? model = null;
        string? inputETag = null;
        using var stores = new StoreSet(Options.OpenStore);
        ObjectLocation? output = null;
        string? summaryKey = null;
        string? previousETag = null;
        BatchSummary Summary(string status) => new()
        {
            JobId = job.JobId,
            Status = status,
            Model = model?.Name ?? job.Model,
            ModelVersion = model?.Version,
            Input = ObjectLocation.Redact(job.Input),
            InputETag = inputETag,
            Output = ObjectLocation.Redact(job.Output),
            OutputFormat = DataFormats.Name(job.OutputFormat),
            Part = job.Part,
            RowsRead = counters.Read,
            RowsWritten = counters.Written,
            RowsSkipped = counters.Skipped,
            RowsFailed = counters.Failed,
            Errors = counters.Errors.ToArray(),
            StartedAt = started,
            DurationMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds,
            MessageId = context.MessageId,
            DeliveryCount = context.DeliveryCount,
        };

        bool protectSummary = false;
        try
        {
            output = ObjectLocation.Parse(job.Output, "output");
            var outputStore = stores.For(output.StoreUri);
            string target = BatchCommit.TargetKey(job, output);
            summaryKey = target + BatchCommit.SummarySuffix;
            if (Options.Summaries)
            {
                var (existing, eTag) = await BatchCommit.ReadSummaryAsync(outputStore, summaryKey, cancellationToken).ConfigureAwait(false);
                previousETag = eTag;
                if (existing is { Status: BatchSummary.Succeeded })
                {
                    if (existing.JobId == job.JobId)
                        return existing with { AlreadyCommitted = true };
                    protectSummary = true;
                    throw new BatchJobException($"{output.Display} was already written by job '{existing.JobId}'; "
                        + "choose another output, or delete it and its ._ember.json summary to score it again", retryable: false);
                }
            }

            model = await getModel(cancellationToken).ConfigureAwait(false);
            inputETag = await ScoreAsync(job, model, stores, output, target, counters, context, t0, cancellationToken).ConfigureAwait(false);

            var done = Summary(BatchSummary.Succeeded);
            if (!Options.Summaries)
                return done;
            if (!await BatchCommit.WriteSummaryAsync(outputStore, summaryKey, done, previousETag, cancellationToken).ConfigureAwait(false))
            {
                // Another delivery of the same message finished first: both wrote the same output.
                var (winner, _) = await BatchCommit.ReadSummaryAsync(outputStore, summaryKey, cancellationToken).ConfigureAwait(false);
                if (winner is { Status: BatchSummary.Succeeded } && winner.JobId == job.JobId)
                    return winner with { AlreadyCommitted = true };
                throw new BatchJobException($"the summary of {output.Display} changed while the job ran (another job wrote it)", retryable: true);
            }
            if (job.Part is { } part)
                await BatchCommit.TryWriteManifestAsync(outputStore, output, part.Count, cancellationToken).ConfigureAwait(false);
            return done;
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } failure)
        {
            var failed = Summary(BatchSummary.Failed) with { Error = failure.Message, Retryable = failure.Retryable };
            if (Options.Summaries && output is not null && summaryKey is not null && !protectSummary)
                await RecordFailureAsync(stores.For(output.StoreUri), summaryKey, failed, previousETag).ConfigureAwait(false);
            return failed;
        }
    }

    /// <summary>The failure a job reports, or null for an exception that is a bug (let it surface).</summary>
    private static (string Message, bool Retryable)? Classify(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        BatchJobException b => (b.Message, b.Retryable),
        ModelNotFoundException m => (m.Message, false),
        ModelUnavailableException u => (u.Message, true),
        ObjectStoreException s => (s.Message, s.Kind is ObjectStoreErrorKind.Unavailable or ObjectStoreErrorKind.Corrupt),
        ParquetException p => ($"the input is not a Parquet file Ember can read: {p.Message}", false),
        OperationCanceledException when cancellationToken.IsCancellationRequested => ("the job was cancelled before it finished (deadline or shutdown); nothing was committed", true),
        IOException io => ($"I/O error: {io.Message}", true),
        UnauthorizedAccessException ua => ($"access denied: {ua.Message}", false),
        _ => null,
    };

    // Best effort: the failure is already the answer; a store that refuses the summary too must not hide it.
    private static async Task RecordFailureAsync(IObjectStore store, string key, BatchSummary failed, string? previousETag)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await BatchCommit.WriteSummaryAsync(store, key, failed, previousETag, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectStoreException or OperationCanceledException or IOException)
        {
        }
    }
}
