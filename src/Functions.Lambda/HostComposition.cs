using Ember.Api;
using Ember.Batch;
using Ember.Configuration;
using Ember.Functions.Lambda.Runtime;
using Ember.Serving;
using Ember.Serving.Metrics;

namespace Ember.Functions.Lambda;

/// <summary>The API and batch handlers the host serves.</summary>
internal sealed record LambdaHandlers(IApiHandler Api, IBatchJobHandler Jobs);

/// <summary>
/// The composition root: the one place where the host's handlers are built from the settings.
/// Anything that throws here (bad configuration, unreachable store, failed preload) is reported to
/// /runtime/init/error and the process exits, as Lambda expects.
/// </summary>
internal static class HostComposition
{
    public static Task<LambdaHandlers> CreateAsync(LambdaSettings settings, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var metrics = new EmberMetrics();
        var models = ModelProviders.ForStore(settings.ModelStore, metrics);
        var api = new EmberApi(models, new ApiOptions
        {
            MaxRows = settings.Numbers.GetValueOrDefault(EmberSettings.MaxRequestRows, ApiOptions.DefaultMaxRows),
            MaxBodyBytes = settings.Numbers.GetValueOrDefault(EmberSettings.MaxRequestBytes, ApiOptions.DefaultMaxBodyBytes),
            Metrics = metrics,
            OnBug = ex => InvocationLog.Stdout.Message("error", $"Bug answered with 500: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"),
        });
        return Task.FromResult(new LambdaHandlers(api, BatchJobHandler.Create(models, Environment.GetEnvironmentVariable)));
    }
}
