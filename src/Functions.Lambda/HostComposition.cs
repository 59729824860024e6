using Ember.Api;
using Ember.Batch;
using Ember.Configuration;
using Ember.Functions.Lambda.Runtime;
using Ember.Monitoring;
using Ember.Serving;
using Ember.Serving.Metrics;

namespace Ember.Functions.Lambda;

/// <summary>The API and batch handlers the host serves.</summary>
internal sealed record LambdaHandlers(IApiHandler Api, IBatchJobHandler Jobs)
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
        // Instances live minutes: short windows lose less when one is reclaimed.
        // OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set; lives as long as the process.
        s_otlp ??= OtlpExport.StartIfConfigured(environment, EmberMetrics.MeterName, MonitorHub.MeterName);
        var monitor = new MonitorHub(MonitorOptions.FromEnvironment(environment, MonitorOptions.ServerlessWindow), models.Store);
        // Warm EMBER_PRELOAD during init (not billed against the first request); a model that does
        // not load is logged, and the others still serve.
        foreach (string problem in await ModelProviders.PreloadAsync(models, cancellationToken).ConfigureAwait(false))
            InvocationLog.Stdout.Message("warn", problem);
        var api = new EmberApi(models, new ApiOptions
        {
            MaxRows = settings.Numbers.GetValueOrDefault(EmberSettings.MaxRequestRows, ApiOptions.DefaultMaxRows),
            MaxBodyBytes = settings.Numbers.GetValueOrDefault(EmberSettings.MaxRequestBytes, ApiOptions.DefaultMaxBodyBytes),
            Metrics = metrics,
            OnBug = ex => InvocationLog.Stdout.Message("error", $"Bug answered with 500: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"),
        }, monitor);
        return new LambdaHandlers(api, BatchJobHandler.Create(models, environment));
    }
}
