using Ember.Batch;

namespace Ember.Functions.Lambda;

// LEAD: delete this file at merge, once HostComposition builds the real batch runner. Until then
// the host fails jobs honestly instead of pretending to run them.

/// <summary>Fails every job, not retryably: the batch runner is not wired yet.</summary>
internal sealed class NotWiredBatchHandler : IBatchJobHandler
{
    public const string Error = "Not wired yet: the Lambda host runs, but the batch runner is not wired into it yet.";

    public Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BatchJobOutcome(false, "{}", Error, Retryable: false));
}
