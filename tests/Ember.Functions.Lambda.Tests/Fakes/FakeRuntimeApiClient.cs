using System.Text;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Tests.Fakes;

/// <summary>
/// A Runtime API in memory: hands out queued invocations, records what the loop posts, and stops
/// the loop (through <see cref="Stopping"/>) when the queue runs dry.
/// </summary>
internal sealed class FakeRuntimeApiClient(TimeProvider? clock = null) : IRuntimeApiClient
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Queue<Invocation> _queue = new();
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Stopping => _stopping.Token;
    public List<(string RequestId, byte[] Body)> Responses { get; } = [];
    public List<(string RequestId, InvocationError Error, long AtUnixMs)> Errors { get; } = [];
    public List<InvocationError> InitErrors { get; } = [];

    /// <summary>Status the fake answers to a response post (Lambda: 202).</summary>
    public int ResponseStatus { get; set; } = 202;

    public Invocation Enqueue(string eventJson, long? deadlineUnixMs = null, string? traceId = null)
    {
        var invocation = new Invocation(Guid.NewGuid().ToString(),
            deadlineUnixMs ?? _clock.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds(),
            traceId, "arn:aws:lambda:us-east-1:123456789012:function:f", Encoding.UTF8.GetBytes(eventJson));
        _queue.Enqueue(invocation);
        return invocation;
    }

    public Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        if (_queue.TryDequeue(out var invocation)) return Task.FromResult(invocation);
        _stopping.Cancel();
        return Task.FromCanceled<Invocation>(_stopping.Token);
    }

    public Task<int> RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Responses.Add((requestId, body.ToArray()));
        return Task.FromResult(ResponseStatus);
    }

    public Task ReportErrorAsync(string requestId, InvocationError error, CancellationToken cancellationToken)
    {
        Errors.Add((requestId, error, _clock.GetUtcNow().ToUnixTimeMilliseconds()));
        return Task.CompletedTask;
    }

    public Task ReportInitErrorAsync(InvocationError error, CancellationToken cancellationToken)
    {
        InitErrors.Add(error);
        return Task.CompletedTask;
    }
}
