using Ember.Api;
using Ember.Batch;

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
        // LEAD: replace at merge. Build the model store from settings.ModelStore (S3 through
        // AWS_ENDPOINT_URL_S3 when set), the shared warm model cache (preloading EMBER_PRELOAD
        // here, so an unreachable store is an init error), the prediction API and the batch
        // runner, and return them; then delete NotWiredHandlers.cs.
        _ = settings;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new LambdaHandlers(new NotWiredApiHandler(), new NotWiredBatchHandler()));
    }
}
