using Ember.Functions.Lambda.Runtime;
using Ember.Monitoring;

namespace Ember.Functions.Lambda;

/// <summary>
/// What monitoring does between invocations on Lambda, where nothing runs in the background (the
/// sandbox is frozen between events): writes the windows that ended to the store as snapshots,
/// and prints the drift gauges as CloudWatch EMF lines, which CloudWatch turns into metrics.
/// Bounded and never failing: monitoring cannot cost an invocation its answer.
/// </summary>
internal sealed class MonitorPublishing(MonitorHub hub, InvocationLog log, TimeProvider time)
{
    /// <summary>Longest a flush may delay the next event.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gauges are printed at most this often: each EMF line is a billed metric datapoint, and the
    /// readings cover a whole window, so printing them per invocation would only repeat them.
    /// </summary>
    public static readonly TimeSpan EmfInterval = TimeSpan.FromSeconds(60);

    private DateTimeOffset _lastEmf = DateTimeOffset.MinValue;

    public async Task AfterInvocationAsync(CancellationToken stopping)
    {
        if (!hub.Options.Enabled)
            return;
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            bounded.CancelAfter(FlushTimeout);
            await hub.FlushAsync(includeCurrent: stopping.IsCancellationRequested, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.Message("warn", $"Monitoring snapshots were not written: {ex.GetType().Name}: {ex.Message}");
        }
        var now = time.GetUtcNow();
        if (now - _lastEmf < EmfInterval)
            return;
        try
        {
            var gauges = hub.Gauges();
            if (gauges.Count == 0)
                return;
            _lastEmf = now;
            log.Lines(EmfFormatter.Lines(gauges, now));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.Message("warn", $"Monitoring gauges were not printed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
