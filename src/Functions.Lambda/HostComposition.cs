using System.Diagnostics;
using Ember.Api;
using Ember.Batch;
using Ember.Configuration;
using Ember.Functions.Lambda.Runtime;
using Ember.Monitoring;
using Ember.Serving;
using Ember.Serving.Metrics;

namespace Ember.Functions.Lambda;

/// <summary>The API and batch handlers the host serves.</summary>
/// <param name="Warming">EMBER_PRELOAD's loads; still running when the host starts polling (see <see cref="LambdaSettings.WarmBeforeFirstEvent"/>). Never faults.</param>
internal sealed record LambdaHandlers(IApiHandler Api, IBatchJobHandler Jobs, Task Warming)
{
    /// <summary>The API's monitor, which the runtime loop flushes after each invocation.</summary>
    public MonitorHub? Monitor => (Api as EmberApi)?.Monitor;
}

/// <summary>
/// The composition root: the one place where the host's handlers are built from the settings.
/// Anything that throws here (bad configuration, unreachable store, failed preload) is reported to
/// /runtime/init/error and the process exits, as Lambda expects.
/// </summary>
internal static class HostComposition
{
    private static IDisposable? s_otlp;

    /// <param name="environment">Cache, monitoring and store credential settings (default: the process environment).</param>
    public static async Task<LambdaHandlers> CreateAsync(LambdaSettings settings, CancellationToken cancellationToken,
        Func<string, string?>? environment = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        environment ??= Environment.GetEnvironmentVariable;
        var metrics = new EmberMetrics();
        var models = ModelProviders.ForStore(settings.ModelStore, environment, metrics);
        // The preload's first request goes out now, so that the store's latency overlaps with the
        // rest of start-up and, on demand, with the first poll; a request for a model being
        // preloaded joins its load instead of starting another.
        Task warming = WarmAsync(models, cancellationToken);
        // Instances live minutes: short windows lose less when one is reclaimed.
        // OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set; lives as long as the process.
        s_otlp ??= OtlpExport.StartIfConfigured(environment, EmberMetrics.MeterName, MonitorHub.MeterName);
        var monitor = new MonitorHub(MonitorOptions.FromEnvironment(environment, MonitorOptions.ServerlessWindow), models.Store);
        var api = new EmberApi(models, new ApiOptions
        {
            MaxRows = settings.Numbers.GetValueOrDefault(EmberSettings.MaxRequestRows, ApiOptions.DefaultMaxRows),
            MaxBodyBytes = settings.Numbers.GetValueOrDefault(EmberSettings.MaxRequestBytes, ApiOptions.DefaultMaxBodyBytes),
            Metrics = metrics,
            OnBug = ex => InvocationLog.Stdout.Message("error", $"Bug answered with 500: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"),
        }, monitor);
        var jobs = BatchJobHandler.Create(models, environment);
        if (settings.WarmBeforeFirstEvent)
            await warming.ConfigureAwait(false);
        return new LambdaHandlers(api, jobs, warming);
    }

    /// <summary>Loads EMBER_PRELOAD and logs the outcome; a model that does not load is logged, and the others still serve.</summary>
    private static async Task WarmAsync(ModelCache models, CancellationToken cancellationToken)
    {
        if (models.Options.Preload.Count == 0)
            return;
        long started = Stopwatch.GetTimestamp();
        try
        {
            var problems = await ModelProviders.PreloadAsync(models, cancellationToken).ConfigureAwait(false);
            foreach (string problem in problems)
                InvocationLog.Stdout.Message("warn", problem);
            InvocationLog.Stdout.Message("info",
                $"Preload finished in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms: {models.Options.Preload.Count - problems.Count} of {models.Options.Preload.Count} model(s) warm.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            InvocationLog.Stdout.Message("info", "Preload stopped: the host is shutting down.");
        }
        catch (Exception ex)
        {
            // Not an init error: the models still load on first use, and that request reports
            // what is wrong with them.
            InvocationLog.Stdout.Message("error", $"Preload stopped: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
