using System.Text;
using Ember.Batch;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>
/// A direct invocation whose event is a batch job: runs it and returns its summary. A failed job
/// is an invocation error, so an asynchronous invoke is retried and then sent to its failure
/// destination, and a synchronous caller sees why.
/// </summary>
internal sealed class DirectJobAdapter(IBatchJobHandler jobs)
{
    public async Task<InvocationResult> HandleAsync(string requestId, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        string message = Encoding.UTF8.GetString(json.Span);
        BatchJobOutcome outcome = await jobs.RunAsync(message, new BatchJobContext(requestId, 1), cancellationToken)
            .ConfigureAwait(false);
        if (outcome.Succeeded)
            return InvocationResult.Respond(EventKind.DirectJob, Encoding.UTF8.GetBytes(outcome.SummaryJson));
        var error = new InvocationError(
            outcome.Retryable ? ErrorTypes.JobFailed : ErrorTypes.JobRejected,
            outcome.Error ?? "The batch job failed without saying why.");
        return InvocationResult.Fail(EventKind.DirectJob, error);
    }
}
