using System.Collections.Concurrent;
using Ember.Bundles;
using Ember.Serving.Metrics;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Serving;

/// <summary>
/// The warm model cache the API and the batch runner score through (<see cref="IModelProvider"/>).
/// <list type="bullet">
/// <item>Lazy and single-flight: a version loads on its first request; concurrent first requests
/// await the same load, which runs under the cache's own timeout, not a caller's token (a caller
/// that gives up does not cancel the load for the others). At most
/// <see cref="ModelCacheOptions.MaxConcurrentLoads"/> loads run at once.</item>
/// <item>Bounded: least recently used versions are dropped when the sum of
/// <see cref="ServedModel.EstimatedBytes"/> exceeds the budget. Dropping only forgets the entry:
/// a <see cref="ServedModel"/> is immutable, so requests still holding one finish with it, and the
/// GC frees it after the last of them. That is the "release after in-flight requests" rule,
/// without reference counting on the hot path.</item>
/// <item>Aliases resolve on every request from a per-model copy of aliases.json, re-read with
/// If-None-Match once it is older than the refresh interval. A store outage keeps the last copy.</item>
/// <item>Canary: a weighted alias splits traffic (<see cref="CanaryRouting"/>).</item>
/// <item>Never a failed request because an alias moved: while the new version loads, the alias
/// keeps serving the version it served last; if the new version fails to load (corrupt, tampered,
/// examples do not reproduce, store down) the last good version keeps serving and
/// <see cref="Health"/> marks the model degraded.</item>
/// </list>
/// </summary>
public sealed partial class ModelCache : IModelProvider, IDisposable
{
    private readonly ModelRepository _repository;
    private readonly ModelCacheOptions _options;
    private readonly BundleLoader _loader;
    private readonly TimeProvider _time;
    private readonly IDisposable? _owned;
    private readonly EmberMetrics? _metrics;
    private readonly ConcurrentDictionary<ModelKey, CacheEntry> _entries = new();
    private readonly ConcurrentDictionary<string, AliasState> _aliases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loadSlots;
    private readonly CancellationTokenSource _disposed = new();
    private readonly object _budgetLock = new();
    private long _warmBytes;

    /// <param name="repository">The registry over the model store.</param>
    /// <param name="options">Budget, refresh interval, timeouts.</param>
    /// <param name="loader">Bundle loader (default: every Spark stage Ember ships).</param>
    /// <param name="time">Clock for refresh intervals and back-offs (tests pass a fake).</param>
    /// <param name="ownedStore">Disposed with the cache (the store <see cref="FromEnvironment"/> opened).</param>
    /// <param name="metrics">Where cache hits, misses, loads and failed loads are counted (the host's, shared with the API).</param>
    public ModelCache(ModelRepository repository, ModelCacheOptions? options = null, BundleLoader? loader = null,
        TimeProvider? time = null, IDisposable? ownedStore = null, EmberMetrics? metrics = null)
    {
        _metrics = metrics;
        _repository = repository;
        _options = options ?? new ModelCacheOptions();
        _loader = loader ?? BundleLoader.Default;
        _time = time ?? TimeProvider.System;
        _owned = ownedStore;
        _loadSlots = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentLoads));
    }

    /// <summary>
    /// The cache a host builds at start: the store from EMBER_MODEL_STORE (see
    /// <see cref="ModelStoreLocation"/> for the default) and the EMBER_* cache settings. Call
    /// <see cref="PreloadAsync"/> afterwards to warm EMBER_PRELOAD.
    /// </summary>
    /// <exception cref="ObjectStoreException">The store URI or its credentials are unusable.</exception>
    /// <exception cref="FormatException">A setting has an unusable value (the message names it).</exception>
    public static ModelCache FromEnvironment(Func<string, string?> environment, string? currentDirectory = null, EmberMetrics? metrics = null) =>
        ForStore(null, environment, currentDirectory, metrics);

    /// <summary>As <see cref="FromEnvironment"/>, with <paramref name="store"/> (a path, file://, s3:// or Blob URL) winning over EMBER_MODEL_STORE when given.</summary>
    public static ModelCache ForStore(string? store, Func<string, string?> environment, string? currentDirectory = null, EmberMetrics? metrics = null)
    {
        var options = ModelCacheOptions.FromEnvironment(environment);
        string uri = ModelStoreLocation.Resolve(store, environment, currentDirectory ?? Directory.GetCurrentDirectory());
        IObjectStore opened = ObjectStoreFactory.FromUri(uri, environment);
        return new ModelCache(new ModelRepository(opened), options, ownedStore: opened, metrics: metrics);
    }

    public ModelCacheOptions Options => _options;

    /// <summary>The model store the cache reads (monitoring writes its snapshots beside the versions).</summary>
    public IObjectStore Store => _repository.Store;

    /// <summary>Sum of <see cref="ServedModel.EstimatedBytes"/> of the warm versions.</summary>
    public long WarmBytes => Interlocked.Read(ref _warmBytes);

    /// <summary>The warm versions, for diagnostics.</summary>
    public IReadOnlyList<(string Name, string Version)> WarmVersions() =>
        _entries.Values.Where(e => e.Model is not null).Select(e => (e.Key.Name, e.Key.Version)).ToList();

    public ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version is { } version)
            return GetVersionAsync(request.Name, version, cancellationToken);

        // Hot path: fresh aliases and a warm target cost two dictionary lookups and no allocation.
        if (_aliases.TryGetValue(request.Name, out AliasState? state) && state.Current is { } snapshot
            && !state.IsStale(_time, _time.GetTimestamp(), _options.AliasRefreshInterval)
            && snapshot.TryRoute(request, _options.DefaultAlias, out Route route, out string? target)
            && _entries.TryGetValue(new ModelKey(request.Name, target), out CacheEntry? entry)
            && entry.Model is { } model)
        {
            entry.Touch();
            route.Serving(model);
            _metrics?.CacheHit(request.Name); // allocation-free once the series exists
            return new ValueTask<ServedModel>(model);
        }
        return new ValueTask<ServedModel>(GetRoutedAsync(request, cancellationToken));
    }

    private ValueTask<ServedModel> GetVersionAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(new ModelKey(name, version), out CacheEntry? existing) && existing.Model is { } warm)
        {
            existing.Touch();
            _metrics?.CacheHit(name);
            return new ValueTask<ServedModel>(warm);
        }
        // Names are checked on a miss only: a warm entry's names were checked when it was created.
        ValidateNames(name, version);
        CacheEntry entry = Entry(new ModelKey(name, version));
        return new ValueTask<ServedModel>(MissAsync(Load(entry), cancellationToken));
    }

    /// <summary>A request that waited for a load; counted once the model exists (names in metrics are real models only).</summary>
    private async Task<ServedModel> MissAsync(Task<ServedModel> load, CancellationToken cancellationToken)
    {
        ServedModel model = await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        _metrics?.CacheMiss(model.Name);
        return model;
    }

    private async Task<ServedModel> GetRoutedAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        ValidateNames(request.Name, request.Alias);
        AliasState state = AliasStateFor(request.Name);
        AliasSnapshot snapshot = await RefreshAsync(state, request.Alias == ModelRepository.Latest, cancellationToken).ConfigureAwait(false);
        if (!snapshot.TryRoute(request, _options.DefaultAlias, out Route route, out string? target))
        {
            if (snapshot.IsEmpty)
                throw new ModelNotFoundException($"There is no model '{request.Name}' in {_repository.Store.Location}.");
            if (request.Alias is null or ModelRepository.Latest)
                throw new ModelNotFoundException($"Model '{request.Name}' has no complete version in {_repository.Store.Location}.");
            try
            {
                // Not an alias: a version written where an alias goes (name@3).
                return await GetVersionAsync(request.Name, request.Alias, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelNotFoundException)
            {
                throw new ModelNotFoundException($"Model '{request.Name}' has no alias or version '{request.Alias}' in {_repository.Store.Location}"
                    + (snapshot.Entries.Count > 0 ? $" (aliases: {string.Join(", ", snapshot.Entries.Keys.Order(StringComparer.Ordinal))})." : "."));
            }
        }

        CacheEntry entry = Entry(new ModelKey(request.Name, target));
        if (entry.Model is { } warm)
        {
            entry.Touch();
            route.Serving(warm);
            _metrics?.CacheHit(request.Name);
            return warm;
        }
        Task<ServedModel> load = Load(entry);
        // The alias moved (promote, rollback, canary) or the target fell out of the cache: keep
        // serving what this alias served last until the target is warm, or for good if it fails.
        if (route.LastGood is { } lastGood && lastGood.Version != target && IsServable(lastGood))
        {
            _metrics?.CacheHit(request.Name);
            return lastGood;
        }
        ServedModel model = await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        _metrics?.CacheMiss(request.Name);
        route.Serving(model);
        return model;
    }

    /// <summary>A last-good model is only a fallback while it is still this cache's (not evicted and replaced).</summary>
    private bool IsServable(ServedModel model) =>
        _entries.TryGetValue(new ModelKey(model.Name, model.Version), out CacheEntry? entry) && ReferenceEquals(entry.Model, model);

    private static void ValidateNames(string name, string? versionOrAlias)
    {
        try
        {
            ModelRepository.ValidateName(name, name, "model name");
            if (versionOrAlias is not null && versionOrAlias != ModelRepository.Latest)
                ModelRepository.ValidateName(name, versionOrAlias, "version or alias");
        }
        catch (ModelRegistryException ex)
        {
            throw new ModelNotFoundException(ex.Message);
        }
    }

    /// <summary>Cancels loads in flight and disposes the store it opened. (The token source is not disposed: loads still starting read its token.)</summary>
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
            return;
        _disposed.Cancel();
        _owned?.Dispose();
    }

    private long Now => _time.GetTimestamp();

    /// <summary>A key's full location for messages (a file store's location has no trailing '/').</summary>
    private string At(string key)
    {
        string location = _repository.Store.Location;
        return location.EndsWith('/') ? location + key : location + "/" + key;
    }

    private readonly record struct ModelKey(string Name, string Version);
}
