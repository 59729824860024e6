namespace Ember.Batch;

/// <summary>
/// Runs one batch job given the raw queue message (or direct invocation) text. Hosts call this
/// from their queue trigger (Azure queue, SQS record, direct Lambda invoke).
/// </summary>
public interface IBatchJobHandler
{
    Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken);
}

/// <summary>Where a job message came from: used for the derived job id and for poison bookkeeping.</summary>
/// <param name="MessageId">The transport's message id (SQS messageId, Azure queue message id).</param>
/// <param name="DeliveryCount">How many times this message has been delivered, 1 for the first.</param>
public sealed record BatchJobContext(string? MessageId, int DeliveryCount);

/// <summary>The result of one job. A failed job leaves nothing visible at its output name.</summary>
/// <param name="Succeeded">True when the output was committed (or already had been).</param>
/// <param name="SummaryJson">The job summary, the same JSON written beside the output.</param>
/// <param name="Error">What went wrong, for a failed job: names the field or file.</param>
/// <param name="Retryable">False for a job that can never succeed (bad message): retrying is pointless.</param>
public sealed record BatchJobOutcome(bool Succeeded, string SummaryJson, string? Error, bool Retryable);
