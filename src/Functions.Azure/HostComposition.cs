using System.Globalization;
using Ember.Api;
using Ember.Batch;
using Ember.Configuration;
using Ember.Functions.Azure.Observability;
using Ember.Serving;
using Ember.Serving.Metrics;

namespace Ember.Functions.Azure;

/// <summary>
/// The composition root: the one place that decides which API and batch handler the host runs.
/// Models come from EMBER_MODEL_STORE (default samples/models); limits from EMBER_MAX_ROWS and
/// EMBER_MAX_BODY_BYTES.
/// </summary>
internal static class HostComposition
{
    public static void AddHandlers(IServiceCollection services, Func<string, string?> environment)
    {
        var metrics = new EmberMetrics();
        var models = ModelProviders.ForStore(environment(EmberSettings.ModelStore), metrics);
        services.AddSingleton(metrics);
        services.AddSingleton(models);
        services.AddSingleton<IApiHandler>(provider =>
        {
            var log = provider.GetRequiredService<JsonLineWriter>();
            return new EmberApi(models, new ApiOptions
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
            });
        });
        services.AddSingleton<IBatchJobHandler>(BatchJobHandler.Create(models, environment));
    }

    private static int? PositiveNumber(Func<string, string?> environment, string name) =>
        int.TryParse(environment(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;
}
