using System.Globalization;
using Ember.Api;
using Ember.Batch;
using Ember.Configuration;
using Ember.Functions.Azure.Observability;
using Ember.Monitoring;
using Ember.Serving;
using Ember.Serving.Metrics;
using Ember.Storage;

namespace Ember.Functions.Azure;

/// <summary>
/// The composition root: the one place that decides which API and batch handler the host runs.
/// Models come from EMBER_MODEL_STORE (default samples/models) through the model cache; limits from
/// EMBER_MAX_ROWS and EMBER_MAX_BODY_BYTES; monitoring from EMBER_MONITOR*, snapshots to the store.
/// </summary>
internal static class HostComposition
{
    private static IDisposable? s_otlp;

    public static void AddHandlers(IServiceCollection services, Func<string, string?> environment)
    {
        var metrics = new EmberMetrics();
        ModelCache models;
        MonitorHub monitor;
        try
        {
            models = ModelProviders.ForStore(environment(EmberSettings.ModelStore), environment, metrics);
            monitor = new MonitorHub(MonitorOptions.FromEnvironment(environment), models.Store);
        }
        catch (Exception ex) when (ex is ObjectStoreException or FormatException)
        {
            throw new HostStartupException(ex.Message);
        }
        services.AddSingleton(metrics);
        // OTLP export (Azure Monitor, collectors) when OTEL_EXPORTER_OTLP_ENDPOINT is set; it lives
        // as long as the process (the last export interval is lost at shutdown).
        s_otlp ??= OtlpExport.StartIfConfigured(environment, EmberMetrics.MeterName, MonitorHub.MeterName);
        services.AddSingleton<IModelProvider>(models);
        services.AddSingleton(models);
        services.AddSingleton(monitor);
        services.AddHostedService(provider => new ServingBackground(models, monitor, provider.GetRequiredService<JsonLineWriter>()));
        services.AddSingleton<IApiHandler>(provider =>
        {
            var log = provider.GetRequiredService<JsonLineWriter>();
            return new EmberApi(models, options: new ApiOptions
            {
                MaxRows = PositiveNumber(environment, EmberSettings.MaxRequestRows) ?? ApiOptions.DefaultMaxRows,
                MaxBodyBytes = PositiveNumber(environment, EmberSettings.MaxRequestBytes) ?? ApiOptions.DefaultMaxBodyBytes,
                Metrics = metrics,
                OnBug = ex => log.Write("error", "bug", ex, static (w, e) =>
                {
                    w.WriteString("exception", e.GetType().FullName);
                    w.WriteString("message", e.Message);
                    w.WriteString("stack", e.StackTrace);
                }),
            }, monitor);
        });
        services.AddSingleton<IBatchJobHandler>(BatchJobHandler.Create(models, environment));
    }

    private static int? PositiveNumber(Func<string, string?> environment, string name) =>
        int.TryParse(environment(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;
}
