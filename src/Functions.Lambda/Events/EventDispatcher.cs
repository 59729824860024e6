using Ember.Api;
using Ember.Batch;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>Routes each event, by its shape, to the adapter for its kind.</summary>
internal sealed class EventDispatcher(IApiHandler api, IBatchJobHandler jobs, Action<string>? logRecordFailure = null)
    : IInvocationHandler
{
    private readonly HttpApiV2Adapter _httpV2 = new(api);
    private readonly RestApiV1Adapter _restV1 = new(api);
    private readonly SqsBatchAdapter _sqs = new(jobs, logRecordFailure);
    private readonly DirectJobAdapter _job = new(jobs);

    public EventKind Classify(Invocation invocation, out string problem) =>
        EventClassifier.Classify(invocation.Event.Span, out problem);

    public Task<InvocationResult> HandleAsync(Invocation invocation, EventKind kind, CancellationToken cancellationToken) => kind switch
    {
        EventKind.HttpApiV2 => _httpV2.HandleAsync(invocation.Event, cancellationToken),
        EventKind.RestApiV1 => _restV1.HandleAsync(invocation.Event, cancellationToken),
        EventKind.Sqs => _sqs.HandleAsync(invocation.Event, cancellationToken),
        EventKind.DirectJob => _job.HandleAsync(invocation.RequestId, invocation.Event, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only a classified event can be handled."),
    };
}
