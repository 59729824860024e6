using System.Collections.Concurrent;
using System.Text.Json;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Serving;

public sealed partial class ModelCache
{
    /// <summary>Models whose aliases are tracked, beyond which names that turned out not to exist are forgotten.</summary>
    private const int MaxTrackedModels = 1000;

    /// <summary>aliases.json is tiny; anything bigger is not ours.</summary>
    private const int MaxAliasesBytes = 4 * 1024 * 1024;

    /// <summary>A model with more keys than this (one listing page) is resolved the long way on a cold start.</summary>
    private const int ColdListingMaxEntries = 1000;

    /// <summary>How long the cold start's listing stands in for listing a version's files again.</summary>
    private static readonly TimeSpan ColdListingFreshness = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The current aliases of one model (replaced whole on refresh, read without locks) and the
    /// routes through them. Routes outlive snapshots: they remember what each alias served last.
    /// </summary>
    private sealed class AliasState(string name)
    {
        private long _checkedAt = long.MinValue;

        public string Name { get; } = name;

        public volatile AliasSnapshot? Current;

        /// <summary>The refresh in flight, shared by every request that finds the copy stale.</summary>
        public Task<AliasSnapshot>? Refreshing;

        /// <summary>Why the last refresh failed (store outage, broken aliases.json); null when it worked.</summary>
        public volatile string? RefreshError;

        /// <summary>Someone asked for "latest" (or the model has no default alias): the refresh lists versions.</summary>
        public volatile bool WantLatest;

        /// <summary>The listing the first refresh took, and when: the load that follows takes its files from it.</summary>
        public volatile TakenListing? Listing;

        public ConcurrentDictionary<string, Route> Routes { get; } = new(StringComparer.Ordinal);

        public void Checked(long now) => Interlocked.Exchange(ref _checkedAt, now);

        public bool IsStale(TimeProvider time, long now, TimeSpan interval)
        {
            long checkedAt = Interlocked.Read(ref _checkedAt);
            return checkedAt == long.MinValue || interval <= TimeSpan.Zero || time.GetElapsedTime(checkedAt, now) >= interval;
        }

        public Route RouteFor(string alias) => Routes.GetOrAdd(alias, static a => new Route(a));
    }

    /// <summary>One alias (or "latest") of one model, and the version it served last.</summary>
    private sealed class Route(string alias)
    {
        private ServedModel? _lastGood;

        public string Alias { get; } = alias;

        public ServedModel? LastGood => Volatile.Read(ref _lastGood);

        public void Serving(ServedModel model)
        {
            if (!ReferenceEquals(Volatile.Read(ref _lastGood), model))
                Volatile.Write(ref _lastGood, model);
        }

        public void Forget(ServedModel model) => Interlocked.CompareExchange(ref _lastGood, null, model);
    }

    private sealed record TakenListing(ModelKeyListing Listing, long TakenAt);

    /// <summary>aliases.json as last read, its ETag, and the highest version when it was needed.</summary>
    private sealed class AliasSnapshot(AliasState state, IReadOnlyDictionary<string, AliasEntry> entries, string? eTag, string? latest)
    {
        public IReadOnlyDictionary<string, AliasEntry> Entries { get; } = entries;
        public string? ETag { get; } = eTag;
        public string? Latest { get; } = latest;
        public bool IsEmpty => Entries.Count == 0 && Latest is null;

        /// <summary>
        /// The route and version for a request without an explicit version. False when the request
        /// names something that is not an alias (then it is a version), or wants "latest" and it is
        /// not known in this snapshot.
        /// </summary>
        public bool TryRoute(ModelRequest request, string defaultAlias, out Route route, out string target)
        {
            string alias = request.Alias ?? (Entries.ContainsKey(defaultAlias) ? defaultAlias : ModelRepository.Latest);
            if (Entries.TryGetValue(alias, out AliasEntry? entry))
            {
                route = state.RouteFor(alias);
                target = CanaryRouting.Pick(state.Name, entry, request.RoutingKey);
                return true;
            }
            if (alias == ModelRepository.Latest && Latest is not null)
            {
                route = state.RouteFor(alias);
                target = Latest;
                return true;
            }
            route = null!;
            target = null!;
            return false;
        }
    }

    /// <summary>
    /// The aliases of <paramref name="state"/>'s model, re-read (conditionally) when stale. A failed
    /// refresh keeps the previous copy and is not retried before the next interval.
    /// </summary>
    private async Task<AliasSnapshot> RefreshAsync(AliasState state, bool wantLatest, CancellationToken cancellationToken)
    {
        if (wantLatest)
            state.WantLatest = true;
        AliasSnapshot? current = state.Current;
        if (current is not null && !IsStale(state) && (!state.WantLatest || current.Latest is not null || current.IsEmpty))
            return current;
        Task<AliasSnapshot> refresh;
        lock (state)
            refresh = state.Refreshing ??= RefreshCoreAsync(state);
        try
        {
            return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException) when (state.Current is { } stale)
        {
            return stale; // store outage: serve with the aliases we have
        }
    }

    /// <summary>Stale once the interval has passed since the last refresh attempt, failed or not (so an outage is not retried per request).</summary>
    private bool IsStale(AliasState state) => state.IsStale(_time, Now, _options.AliasRefreshInterval);

    private async Task<AliasSnapshot> RefreshCoreAsync(AliasState state)
    {
        await Task.Yield(); // callers hold the state's lock while this starts
        AliasSnapshot? previous = state.Current;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            timeout.CancelAfter(_options.LoadTimeout);
            CancellationToken ct = timeout.Token;

            // Cold: one listing finds aliases.json (or that there is none, without a 404), the
            // versions and their files, so the load that follows starts downloading at once.
            ModelKeyListing? listing = previous is null
                ? await _repository.ListModelAsync(state.Name, ColdListingMaxEntries, ct).ConfigureAwait(false)
                : null;
            if (listing is not null)
                state.Listing = new TakenListing(listing, Now);

            IReadOnlyDictionary<string, AliasEntry> entries;
            string? eTag;
            string key = ModelRepository.AliasesKey(state.Name);
            if (listing is { Aliases: null })
            {
                entries = new Dictionary<string, AliasEntry>(StringComparer.Ordinal);
                eTag = null;
            }
            else
            await using (ObjectReadResult read = await _repository.Store.GetAsync(key, previous?.ETag, ct).ConfigureAwait(false))
            {
                switch (read.Status)
                {
                    case ObjectReadStatus.NotModified:
                        entries = previous!.Entries;
                        eTag = previous.ETag;
                        break;
                    case ObjectReadStatus.NotFound:
                        entries = new Dictionary<string, AliasEntry>(StringComparer.Ordinal);
                        eTag = null;
                        break;
                    default:
                        entries = await ParseAliasesAsync(state.Name, read, ct).ConfigureAwait(false);
                        eTag = read.ETag;
                        break;
                }
            }
            string? latest = previous?.Latest;
            if (listing is not null)
            {
                latest = listing.Versions.Count > 0 ? listing.Versions[^1] : null;
            }
            else if (state.WantLatest || !entries.ContainsKey(_options.DefaultAlias))
            {
                IReadOnlyList<string> versions = await _repository.ListVersionsAsync(state.Name, ct).ConfigureAwait(false);
                latest = versions.Count > 0 ? versions[^1] : null;
            }
            var snapshot = new AliasSnapshot(state, entries, eTag, latest);
            state.Current = snapshot;
            state.RefreshError = null;
            return snapshot;
        }
        catch (Exception ex) when (ex is ObjectStoreException or ModelRegistryException or OperationCanceledException && !_disposed.IsCancellationRequested)
        {
            string problem = ex is OperationCanceledException ? $"reading the aliases of '{state.Name}' took longer than {_options.LoadTimeout}" : ex.Message;
            state.RefreshError = problem;
            throw new ModelUnavailableException($"Model '{state.Name}': its aliases cannot be read now: {problem}", _options.FailureBackoff, ex);
        }
        finally
        {
            state.Checked(Now);
            lock (state)
                state.Refreshing = null;
        }
    }

    private async Task<IReadOnlyDictionary<string, AliasEntry>> ParseAliasesAsync(string model, ObjectReadResult read, CancellationToken ct)
    {
        if (read.Length > MaxAliasesBytes)
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidAliasesFile, model,
                $"{At(read.Key)} is {read.Length} bytes; an aliases file is a few hundred");
        using var buffer = new MemoryStream(read.Length > 0 ? (int)read.Length : 256);
        await read.Content.CopyToAsync(buffer, ct).ConfigureAwait(false);
        try
        {
            var entries = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), RegistryJsonContext.Default.DictionaryStringAliasEntry);
            return entries is null
                ? throw new JsonException("the file holds null instead of an object of aliases")
                : new Dictionary<string, AliasEntry>(entries, StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidAliasesFile, model,
                $"{At(read.Key)} is not a valid aliases file: {ex.Message}");
        }
    }

    private AliasState AliasStateFor(string name)
    {
        if (_aliases.TryGetValue(name, out AliasState? state))
            return state;
        if (_aliases.Count >= MaxTrackedModels)
            foreach (var (other, s) in _aliases)
                if (s.Current is { IsEmpty: true })
                    _aliases.TryRemove(other, out _);
        return _aliases.GetOrAdd(name, static n => new AliasState(n));
    }
}
