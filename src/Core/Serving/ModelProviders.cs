using Ember.Serving.Metrics;

namespace Ember.Serving;

/// <summary>
/// The hosts' one way to get their <see cref="IModelProvider"/> for EMBER_MODEL_STORE, so both
/// hosts change together: the <see cref="ModelCache"/> over whatever store the setting names (a
/// path or file:// URI → FileStore, s3:// → S3Store, a Blob container URL → BlobStore).
/// </summary>
public static class ModelProviders
{
    /// <summary>Where models live when EMBER_MODEL_STORE is not set: the repository's samples (see <see cref="ModelStoreLocation"/>).</summary>
    public const string DefaultStore = ModelStoreLocation.SamplesFolder;

    /// <param name="store">EMBER_MODEL_STORE's value (null or blank: the samples).</param>
    /// <param name="environment">Reads the cache settings and the store's credentials.</param>
    /// <param name="metrics">The host's metrics, shared with the API.</param>
    /// <exception cref="Ember.Storage.ObjectStoreException">The store URI or its credentials are unusable.</exception>
    /// <exception cref="FormatException">A cache setting has an unusable value (the message names it).</exception>
    public static ModelCache ForStore(string? store, Func<string, string?> environment, EmberMetrics metrics) =>
        ModelCache.ForStore(string.IsNullOrWhiteSpace(store) ? null : store, environment, metrics: metrics);

    /// <summary>
    /// Warms EMBER_PRELOAD; returns one message per model that did not load (never throws for a
    /// model, so a host starts and serves the others), for the host to log.
    /// </summary>
    public static Task<IReadOnlyList<string>> PreloadAsync(ModelCache cache, CancellationToken cancellationToken) =>
        cache.Options.Preload.Count == 0 ? Task.FromResult<IReadOnlyList<string>>([]) : cache.PreloadAsync(cancellationToken);
}
