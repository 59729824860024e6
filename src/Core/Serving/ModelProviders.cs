using Ember.Serving.Metrics;

namespace Ember.Serving;

/// <summary>
/// The hosts' one way to get an <see cref="IModelProvider"/> for EMBER_MODEL_STORE, so both hosts
/// change together. Local folders (a path or file:// URI) are served by
/// <see cref="DirectoryModelProvider"/>; remote stores (s3://, Blob URLs) need the model cache.
/// </summary>
public static class ModelProviders
{
    /// <summary>Where models live when EMBER_MODEL_STORE is not set: the repository's samples.</summary>
    public const string DefaultStore = "samples/models";

    public static IModelProvider ForStore(string? store, EmberMetrics metrics)
    {
        // LEAD: when ModelCache (wt-serving) is on main, build it here for every store kind
        // (ObjectStoreFactory.FromUri + ModelRepository), keeping the same metrics instance.
        string location = string.IsNullOrWhiteSpace(store) ? DefaultStore : store.Trim();
        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return new DirectoryModelProvider(new Uri(location).LocalPath, metrics);
        if (!location.Contains("://", StringComparison.Ordinal))
            return new DirectoryModelProvider(location, metrics);
        return new RemoteStorePending(location);
    }

    /// <summary>Answers 503 for every model: serving from a remote store needs the model cache, which this build lacks.</summary>
    private sealed class RemoteStorePending(string location) : IModelProvider
    {
        public ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken) =>
            throw new ModelUnavailableException(
                $"Model '{request.Name}' cannot be loaded: this build serves models from local folders only, and the store is {location}.",
                TimeSpan.FromSeconds(60));

        public Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken) =>
            throw new ModelUnavailableException($"This build serves models from local folders only, and the store is {location}.", TimeSpan.FromSeconds(60));

        public IReadOnlyList<ModelHealth> Health() => [];
    }
}
