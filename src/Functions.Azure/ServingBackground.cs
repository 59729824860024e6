using Ember.Functions.Azure.Observability;
using Ember.Monitoring;
using Ember.Serving;

namespace Ember.Functions.Azure;

/// <summary>
/// The host's work outside requests: warms EMBER_PRELOAD once the server starts (a model that does
/// not load is logged, never fatal: the others serve), writes each finished monitoring window to
/// the store, and the current one at shutdown.
/// </summary>
internal sealed class ServingBackground(ModelCache models, MonitorHub monitor, JsonLineWriter log) : IHostedService
{
    /// <summary>How long shutdown waits for the last snapshots: the Functions host gives a few seconds, not more.</summary>
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(FinalFlushTimeout);
        await FlushAsync(includeCurrent: true, bounded.Token).ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            foreach (string problem in await ModelProviders.PreloadAsync(models, stopping).ConfigureAwait(false))
                log.Write("warning", "preload", problem, static (w, p) => w.WriteString("message", p));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        if (!monitor.Options.Enabled)
            return;
        // Windows end on their own clock; checking a few times per window writes each soon after it ends.
        var every = TimeSpan.FromTicks(Math.Clamp(monitor.Options.Window.Ticks / 4, TimeSpan.FromSeconds(5).Ticks, TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
                await FlushAsync(includeCurrent: false, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(bool includeCurrent, CancellationToken cancellationToken)
    {
        try
        {
            await monitor.FlushAsync(includeCurrent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Monitoring must never take serving down: the snapshot is lost, the log says so.
            log.Write("warning", "monitor-flush", ex, static (w, e) =>
            {
                w.WriteString("exception", e.GetType().FullName);
                w.WriteString("message", e.Message);
            });
        }
    }
}
