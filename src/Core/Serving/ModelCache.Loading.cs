using System.Collections.Concurrent;
using System.Diagnostics;
using Ember.Bundles;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Serving;

public sealed partial class ModelCache
{
    /// <summary>Entries (warm or failed) kept before expired failures are swept out: names come from requests.</summary>
    private const int SweepThreshold = 256;

    /// <summary>One (name, version): its warm model, or the load in flight, or the last failure.</summary>
    private sealed class CacheEntry(ModelKey key)
    {
        private long _lastUsed = Stopwatch.GetTimestamp();

        public ModelKey Key { get; } = key;

        public volatile ServedModel? Model;

        /// <summary>The load in flight or the failed one (guarded by lock(this)).</summary>
        public Task<ServedModel>? Loading;

        public long FailedAt;

        public volatile Exception? Failure;

        /// <summary>Budget bytes charged for <see cref="Model"/>; 0 when it was not admitted.</summary>
        public long Bytes;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch() => Volatile.Write(ref _lastUsed, Stopwatch.GetTimestamp());
    }

    private CacheEntry Entry(ModelKey key)
    {
        if (_entries.TryGetValue(key, out CacheEntry? entry))
            return entry;
        if (_entries.Count >= SweepThreshold)
            SweepFailures();
        return _entries.GetOrAdd(key, static k => new CacheEntry(k));
    }

    /// <summary>The single load of <paramref name="entry"/>: the one in flight, a recent failure, or a new one.</summary>
    private Task<ServedModel> Load(CacheEntry entry)
    {
        lock (entry)
        {
            if (entry.Model is { } warm)
                return Task.FromResult(warm);
            if (entry.Loading is { } existing
                && (!existing.IsCompleted || _time.GetElapsedTime(entry.FailedAt) < _options.FailureBackoff))
                return existing;
            Task<ServedModel> load = LoadCoreAsync(entry);
            // Requests that fall back to the last good version do not await the load: observe its failure here.
            _ = load.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            entry.Loading = load;
            return load;
        }
    }

    private async Task<ServedModel> LoadCoreAsync(CacheEntry entry)
    {
        await Task.Yield(); // started under the entry's lock
        (string name, string version) = (entry.Key.Name, entry.Key.Version);
        string where = At(ModelRepository.VersionPrefix(name, version));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            timeout.CancelAfter(_options.LoadTimeout);
            await _loadSlots.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                long started = Stopwatch.GetTimestamp();
                BundleFiles files = await DownloadAsync(name, version, where, timeout.Token).ConfigureAwait(false);
                timeout.Token.ThrowIfCancellationRequested();
                LoadedBundle loaded = _loader.Load(files);
                var model = new ServedModel(name, version, loaded.Model, loaded.Pipeline, loaded.Manifest);
                entry.Failure = null;
                entry.Touch();
                entry.Model = model;
                Admit(entry, model);
                _metrics?.ModelLoaded(name, version, Stopwatch.GetElapsedTime(started).TotalSeconds);
                return model;
            }
            finally
            {
                _loadSlots.Release();
            }
        }
        catch (Exception ex)
        {
            Exception failure = ex switch
            {
                ModelNotFoundException => ex,
                BundleException b => Unavailable($"Model '{name}' version '{version}' is refused: {b.Message}", b),
                ObjectStoreException s => Unavailable($"Model '{name}' version '{version}' cannot be loaded now: {s.Message}", s),
                OperationCanceledException when _disposed.IsCancellationRequested => ex,
                OperationCanceledException => Unavailable($"Model '{name}' version '{version}' did not load within {_options.LoadTimeout.TotalSeconds:0.#} s ({where}).", ex),
                _ => Unavailable($"Model '{name}' version '{version}' could not be loaded from {where}: {ex.Message}", ex),
            };
            entry.FailedAt = _time.GetTimestamp();
            entry.Failure = failure;
            // Not-found names come from requests: counting them would let callers grow the series.
            if (failure is not ModelNotFoundException && !_disposed.IsCancellationRequested)
                _metrics?.ModelLoadFailed(name);
            if (ReferenceEquals(failure, ex))
                throw;
            throw failure;
        }
    }

    private ModelUnavailableException Unavailable(string message, Exception inner) => new(message, _options.FailureBackoff, inner);

    /// <summary>Every model file of the version, fetched a few at a time into memory (see <see cref="BundleFiles"/> for why memory).</summary>
    private async Task<BundleFiles> DownloadAsync(string name, string version, string where, CancellationToken ct)
    {
        IObjectStore store = _repository.Store;
        string prefix = ModelRepository.VersionPrefix(name, version);
        var listed = new List<ObjectEntry>();
        ObjectEntry? pack = null;
        bool pushing = false;
        void Sort(ObjectEntry e)
        {
            if (e.IsPrefix) return;
            if (IsVersionFile(e.Key, prefix, ModelRepository.PushInProgressFile))
                pushing = true;
            else if (IsVersionFile(e.Key, prefix, VersionPack.FileName))
                pack = e;
            else if (!BundleFiles.IsBookkeeping(e.Key))
                listed.Add(e);
        }
        if (ListedAtColdStart(name, version) is { } known)
            foreach (ObjectEntry e in known)
                Sort(e);
        else
            await foreach (ObjectEntry e in store.ListAllAsync(prefix, delimited: false, ct).ConfigureAwait(false))
                Sort(e);
        if (pushing)
            throw new ModelNotFoundException($"Model '{name}' version '{version}' is still being pushed to {store.Location}.");
        if (listed.Count == 0)
            throw new ModelNotFoundException($"Model '{name}' has no version '{version}' in {store.Location}.");
        long total = listed.Sum(e => e.Length);
        if (total > _options.MaxBundleBytes)
            throw new BundleException(BundleErrorCode.Unreadable, where, $"the files add up to {total} bytes, more than the {_options.MaxBundleBytes} allowed.");

        int maxFile = (int)Math.Min(_options.MaxBundleBytes, Array.MaxLength);
        // One object instead of one per file, when the push left a pack that matches the listing.
        if (pack is not null && pack.Length <= maxFile && await ReadPackAsync(store, pack.Key, prefix, listed, maxFile, ct).ConfigureAwait(false) is { } unpacked)
            return new BundleFiles(where, unpacked);

        var files = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(listed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.DownloadParallelism), CancellationToken = ct },
            async (e, token) =>
            {
                var read = await store.ReadAllBytesAsync(e.Key, maxFile, token).ConfigureAwait(false);
                files[e.Key[prefix.Length..]] = read?.Content
                    ?? throw new ObjectStoreException(ObjectStoreErrorKind.Failed, store.Location, e.Key, "the file was listed but disappeared before it was read");
            }).ConfigureAwait(false);
        return new BundleFiles(where, files);
    }

    /// <summary>The pack's files, or null when it does not match the listing or arrived corrupt (the files are read instead).</summary>
    private static async Task<Dictionary<string, byte[]>?> ReadPackAsync(IObjectStore store, string key, string prefix, List<ObjectEntry> listed, int maxFile, CancellationToken ct)
    {
        try
        {
            return await store.ReadAllBytesAsync(key, maxFile, ct).ConfigureAwait(false) is { } packed
                   && VersionPack.TryRead(packed.Content, prefix, listed, out Dictionary<string, byte[]> files)
                ? files
                : null;
        }
        catch (ObjectStoreException ex) when (ex.Kind == ObjectStoreErrorKind.Corrupt)
        {
            return null;
        }
    }

    private static bool IsVersionFile(string key, string prefix, string file) =>
        key.Length == prefix.Length + file.Length && key.EndsWith(file, StringComparison.Ordinal);

    /// <summary>The version's entries from the cold start's listing while it is fresh (complete versions only); else null.</summary>
    private IReadOnlyList<ObjectEntry>? ListedAtColdStart(string name, string version) =>
        _aliases.TryGetValue(name, out AliasState? state) && state.Listing is { } taken
        && _time.GetElapsedTime(taken.TakenAt, Now) < ColdListingFreshness
        && taken.Listing.TryGetEntries(version, out IReadOnlyList<ObjectEntry> entries)
            ? entries
            : null;

    /// <summary>Charges the new model to the budget and evicts least recently used models until it fits (never the new one).</summary>
    private void Admit(CacheEntry entry, ServedModel model)
    {
        var evicted = new List<ServedModel>();
        lock (_budgetLock)
        {
            // An entry swept or evicted while it loaded serves its waiters, then is garbage: not charged.
            if (!_entries.TryGetValue(entry.Key, out CacheEntry? current) || !ReferenceEquals(current, entry))
                return;
            entry.Bytes = model.EstimatedBytes;
            _warmBytes += entry.Bytes;
            while (_warmBytes > _options.CacheBytes)
            {
                CacheEntry? victim = null;
                foreach (CacheEntry candidate in _entries.Values)
                    if (!ReferenceEquals(candidate, entry) && candidate.Model is not null && candidate.Bytes > 0
                        && (victim is null || candidate.LastUsed < victim.LastUsed))
                        victim = candidate;
                if (victim is null)
                    break; // the new model alone is over budget: it stays, it is what was asked for
                _entries.TryRemove(new KeyValuePair<ModelKey, CacheEntry>(victim.Key, victim));
                _warmBytes -= victim.Bytes;
                evicted.Add(victim.Model!);
            }
        }
        foreach (ServedModel gone in evicted)
            if (_aliases.TryGetValue(gone.Name, out AliasState? state))
                foreach (Route route in state.Routes.Values)
                    route.Forget(gone); // let the GC have it once in-flight requests are done
    }

    private void SweepFailures()
    {
        foreach (var (key, entry) in _entries)
            if (entry.Model is null && entry.Loading is { IsCompleted: true } && _time.GetElapsedTime(entry.FailedAt) >= _options.FailureBackoff)
                _entries.TryRemove(new KeyValuePair<ModelKey, CacheEntry>(key, entry));
    }
}
