using Ember.Api;
using Ember.Batch;
using Ember.Functions.Lambda.Events;

namespace Ember.Functions.Lambda;

// LEAD: delete this file at merge, once HostComposition builds the real prediction API and batch
// runner. Until then the host answers every request honestly instead of pretending to score.

/// <summary>Answers every request with 503 problem+json: the prediction API is not wired yet.</summary>
internal sealed class NotWiredApiHandler : IApiHandler
{
    public const string Detail = "The Lambda host runs, but the prediction API is not wired into it yet.";

    public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(HostProblems.Create(503, "urn:ember:problem:not-wired", "Not wired yet", Detail));
}

/// <summary>Fails every job, not retryably: the batch runner is not wired yet.</summary>
internal sealed class NotWiredBatchHandler : IBatchJobHandler
{
    public const string Error = "Not wired yet: the Lambda host runs, but the batch runner is not wired into it yet.";

    public Task<BatchJobOutcome> RunAsync(string message, BatchJobContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new BatchJobOutcome(false, "{}", Error, Retryable: false));
}
