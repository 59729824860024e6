using System.Diagnostics;
using Ember.Functions.Lambda.Events;

namespace Ember.Functions.Lambda.Runtime;

/// <summary>
/// The custom runtime's loop: next, invoke, respond or report, forever. One bad event never stops
/// it; only a broken Runtime API (or stopping) does.
/// </summary>
/// <param name="afterInvocation">Runs after each answer is posted and before the next event is asked for (Lambda freezes the sandbox only at /next): monitoring flushes there.</param>
internal sealed class RuntimeLoop(IRuntimeApiClient api, IInvocationHandler handler, InvocationLog log, TimeProvider time,
    Func<CancellationToken, Task>? afterInvocation = null)
{
    /// <summary>Lambda's limit for a buffered (non-streamed) response.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    private const string TraceVariable = "_X_AMZN_TRACE_ID";

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Invocation invocation = await api.NextAsync(stopping).ConfigureAwait(false);
            await InvokeOnceAsync(invocation, stopping).ConfigureAwait(false);
        }
    }

    public async Task InvokeOnceAsync(Invocation invocation, CancellationToken stopping)
    {
        long started = Stopwatch.GetTimestamp();
        // The X-Ray SDK and anything downstream read the current trace from the environment.
        Environment.SetEnvironmentVariable(TraceVariable, invocation.TraceId);

        InvocationResult result;
        using (var deadline = new InvocationDeadline(invocation.DeadlineUnixMs, time, stopping))
            result = await RunHandlerAsync(invocation, deadline, stopping).ConfigureAwait(false);

        if (result.Error is null && result.Response.Length > MaxResponseBytes)
            result = InvocationResult.Fail(result.Kind, new InvocationError(ErrorTypes.ResponseTooLarge,
                $"The response is {result.Response.Length} bytes; Lambda accepts at most {MaxResponseBytes} for a buffered response."));

        if (result.Error is { } error)
        {
            await api.ReportErrorAsync(invocation.RequestId, error, stopping).ConfigureAwait(false);
        }
        else
        {
            int status = await api.RespondAsync(invocation.RequestId, result.Response, stopping).ConfigureAwait(false);
            if (status == 413)
            {
                result = InvocationResult.Fail(result.Kind, new InvocationError(ErrorTypes.ResponseTooLarge, "The Runtime API refused the response as too large (413)."));
                await api.ReportErrorAsync(invocation.RequestId, result.Error!, stopping).ConfigureAwait(false);
            }
            else if (status is < 200 or > 299)
            {
                log.Message("warn", $"The Runtime API answered {status} to the response of {invocation.RequestId}.");
            }
        }
        log.Invocation(invocation.RequestId, result, Stopwatch.GetElapsedTime(started));
        if (afterInvocation is not null)
            await afterInvocation(stopping).ConfigureAwait(false);
    }

    private async Task<InvocationResult> RunHandlerAsync(Invocation invocation, InvocationDeadline deadline, CancellationToken stopping)
    {
        EventKind kind = handler.Classify(invocation, out string problem);
        if (kind == EventKind.Invalid) return InvocationResult.Fail(kind, InvocationError.InvalidEvent(problem));
        if (deadline.Reached) return DeadlineExceeded(invocation, kind);
        try
        {
            // WaitAsync: work that ignores the cancellation is left behind at the abandon point,
            // so the overrun is still reported before Lambda kills the sandbox.
            return await handler.HandleAsync(invocation, kind, deadline.Cancel).WaitAsync(deadline.Abandon).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Reached && !stopping.IsCancellationRequested)
        {
            return DeadlineExceeded(invocation, kind);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // A handler that throws has a bug; it fails this event only.
            log.Message("error", $"Invocation {invocation.RequestId} failed: {ex}");
            return InvocationResult.Fail(kind, new InvocationError(ErrorTypes.Unhandled, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private InvocationResult DeadlineExceeded(Invocation invocation, EventKind kind)
    {
        long left = invocation.DeadlineUnixMs is long ms ? ms - time.GetUtcNow().ToUnixTimeMilliseconds() : 0;
        return InvocationResult.Fail(kind, new InvocationError(ErrorTypes.DeadlineExceeded,
            $"The work was cancelled {Math.Max(left, 0)} ms before the invocation's deadline (the host stops {InvocationDeadline.CancelMargin.TotalMilliseconds:0} ms early to report in time)."));
    }
}
