namespace Ember.Functions.Lambda.Runtime;

/// <summary>
/// Turns Lambda-Runtime-Deadline-Ms into two moments: <see cref="Cancel"/> fires first and asks the
/// work to stop; <see cref="Abandon"/> fires a little later, when the loop stops waiting for work
/// that ignored the request and reports the overrun itself. Both come before Lambda's own kill, so
/// the invocation always ends with a response or an error we chose.
/// </summary>
internal sealed class InvocationDeadline : IDisposable
{
    /// <summary>
    /// Cancellation starts this long before the deadline: enough for a cancelled job to unwind and
    /// for the response to be posted on a 128 MB function, whose CPU share is ~7% of a vCPU.
    /// </summary>
    public static readonly TimeSpan CancelMargin = TimeSpan.FromMilliseconds(500);

    /// <summary>The loop gives up waiting this long before the deadline and posts the error.</summary>
    public static readonly TimeSpan AbandonMargin = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _cancel;
    private readonly CancellationTokenSource _abandon;
    private readonly ITimer? _cancelTimer;
    private readonly ITimer? _abandonTimer;

    public InvocationDeadline(long? deadlineUnixMs, TimeProvider time, CancellationToken stopping)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // No deadline header (not sent by Lambda itself, only by hand-made test servers): no limit.
        if (deadlineUnixMs is not long deadline) return;
        TimeSpan remaining = TimeSpan.FromMilliseconds(deadline - time.GetUtcNow().ToUnixTimeMilliseconds());
        // Abandoning also asks the work to stop: two timers due 300 ms apart can run out of order
        // on a starved thread pool, and work must never be left behind without being told.
        _abandon.Token.UnsafeRegister(static state =>
        {
            try { ((CancellationTokenSource)state!).Cancel(); }
            catch (ObjectDisposedException) { } // the invocation already ended
        }, _cancel);
        _cancelTimer = Schedule(time, _cancel, remaining - CancelMargin);
        _abandonTimer = Schedule(time, _abandon, remaining - AbandonMargin);
    }

    /// <summary>Passed to the handler: the work should stop when it fires.</summary>
    public CancellationToken Cancel => _cancel.Token;

    /// <summary>The loop's own limit for waiting on the handler.</summary>
    public CancellationToken Abandon => _abandon.Token;

    public bool Reached => _cancel.IsCancellationRequested || _abandon.IsCancellationRequested;

    public void Dispose()
    {
        _cancelTimer?.Dispose();
        _abandonTimer?.Dispose();
        _cancel.Dispose();
        _abandon.Dispose();
    }

    /// <summary>Cancels <paramref name="source"/> after <paramref name="delay"/> on <paramref name="time"/>'s timers (tests move a manual clock).</summary>
    private static ITimer? Schedule(TimeProvider time, CancellationTokenSource source, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            source.Cancel();
            return null;
        }
        return time.CreateTimer(static state =>
        {
            try { ((CancellationTokenSource)state!).Cancel(); }
            catch (ObjectDisposedException) { } // the invocation already ended
        }, source, delay, Timeout.InfiniteTimeSpan);
    }
}
