using Ember.Batch;

namespace Ember.Functions.Lambda.Tests.Fakes;

/// <summary>
/// Decides each job's fate from its message text: "ok" succeeds, "fail" fails retryably,
/// "reject" fails for good, "throw" throws, "slow" waits for cancellation.
/// </summary>
internal sealed class FakeBatchHandler : IBatchJobHandler
{
    public List<(string Message, BatchJobContext Context)> Runs { get; } = [];

    public async Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken)
    {
        lock (Runs) Runs.Add((message, context));
        if (message.Contains("slow", StringComparison.Ordinal))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (message.Contains("throw", StringComparison.Ordinal))
            throw new InvalidOperationException("the fake job threw");
        if (message.Contains("reject", StringComparison.Ordinal))
            return new BatchJobOutcome(false, "{}", "input.path: the file does not exist", Retryable: false);
        if (message.Contains("fail", StringComparison.Ordinal))
            return new BatchJobOutcome(false, "{}", "the store is unreachable", Retryable: true);
        return new BatchJobOutcome(true, "{\"rows\":3,\"output\":\"s3://out/a.parquet\"}", null, Retryable: false);
    }
}
