using System.Collections.Concurrent;
using Ember.Batch;

namespace Ember.Functions.Azure.Tests.Support;

/// <summary>Records every job it gets and answers with <see cref="Outcome"/> (default: success).</summary>
internal sealed class FakeBatchJobHandler : IBatchJobHandler
{
    public ConcurrentQueue<(string Message, BatchJobContext Context)> Jobs { get; } = new();

    public BatchJobOutcome Outcome { get; set; } = new(true, "{\"rows\":3}", null, false);

    /// <summary>When set, RunAsync throws it: a bug in the batch runner.</summary>
    public Exception? Throws { get; set; }

    public Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken)
    {
        if (Throws is not null)
            throw Throws;
        Jobs.Enqueue((message, context));
        return Task.FromResult(Outcome);
    }
}
