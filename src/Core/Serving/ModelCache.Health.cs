using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Serving;

public sealed partial class ModelCache
{
    /// <summary>
    /// One line per version this cache has loaded or tried to: warm versions are Ready; a version
    /// that failed to load (corrupt, tampered, examples not reproducing, store down) is not, with
    /// the reason. Degraded marks an alias that is not serving what it points at — its target failed
    /// to load and the last good version answers instead — on both the failed target and the
    /// version still serving; and warm models whose aliases cannot be re-read (store outage).
    /// Versions that do not exist (a request for a wrong name) are not listed. A not-Ready line
    /// means that version cannot be served now, not that the host cannot serve: readiness of a host
    /// is better judged by its Ready lines (and the preload list) than by the absence of failures.
    /// </summary>
    public IReadOnlyList<ModelHealth> Health()
    {
        var degraded = new Dictionary<ModelKey, string>();
        foreach (AliasState state in _aliases.Values)
        {
            if (state.Current is not { } snapshot)
                continue;
            foreach (Route route in state.Routes.Values)
            {
                if (route.LastGood is not { } serving)
                    continue;
                foreach (string target in Targets(snapshot, route.Alias))
                {
                    if (target == serving.Version || !_entries.TryGetValue(new ModelKey(state.Name, target), out CacheEntry? failed)
                        || failed.Model is not null || failed.Failure is null or ModelNotFoundException)
                        continue;
                    string detail = $"'{state.Name}@{route.Alias}' points at version {target}, which failed to load; version {serving.Version} keeps serving. {failed.Failure.Message}";
                    degraded[new ModelKey(state.Name, target)] = detail;
                    degraded.TryAdd(new ModelKey(state.Name, serving.Version), detail);
                }
            }
            if (state.RefreshError is { } problem)
                foreach (CacheEntry entry in _entries.Values)
                    if (entry.Key.Name == state.Name && entry.Model is not null)
                        degraded.TryAdd(entry.Key, $"the aliases of '{state.Name}' cannot be refreshed; serving the last known ones. {problem}");
        }

        var health = new List<ModelHealth>();
        foreach (CacheEntry entry in _entries.Values.OrderBy(e => e.Key.Name, StringComparer.Ordinal).ThenBy(e => e.Key.Version, StringComparer.Ordinal))
        {
            bool isDegraded = degraded.TryGetValue(entry.Key, out string? why);
            if (entry.Model is not null)
                health.Add(new ModelHealth(entry.Key.Name, entry.Key.Version, true, isDegraded, why));
            else if (entry.Failure is { } failure and not ModelNotFoundException)
                health.Add(new ModelHealth(entry.Key.Name, entry.Key.Version, false, isDegraded, why ?? failure.Message));
        }
        return health;
    }

    private static IEnumerable<string> Targets(AliasSnapshot snapshot, string alias)
    {
        if (snapshot.Entries.TryGetValue(alias, out AliasEntry? entry))
        {
            yield return entry.Version;
            if (CanaryRouting.IsSplit(entry))
                yield return entry.Previous[0];
        }
        else if (alias == ModelRepository.Latest && snapshot.Latest is { } latest)
        {
            yield return latest;
        }
    }

    /// <summary>Every model in the store with its versions and aliases (read from the store, not the cache).</summary>
    public async Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var listings = new List<ModelListing>();
            foreach (string name in await _repository.ListModelsAsync(cancellationToken).ConfigureAwait(false))
            {
                IReadOnlyList<string> versions = await _repository.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false);
                ModelAliases aliases = await _repository.ReadAliasesAsync(name, cancellationToken).ConfigureAwait(false);
                if (versions.Count == 0 && aliases.Entries.Count == 0)
                    continue;
                listings.Add(new ModelListing(name, versions, ToListings(aliases.Entries)));
            }
            return listings;
        }
        catch (Exception ex) when (ex is ObjectStoreException or ModelRegistryException)
        {
            throw new ModelUnavailableException($"The model list cannot be read now: {ex.Message}", _options.FailureBackoff, ex);
        }
    }

    /// <summary>Aliases as listings: a weighted alias shows its stable version and its canary.</summary>
    public static IReadOnlyList<AliasListing> ToListings(IReadOnlyDictionary<string, AliasEntry> entries) =>
        entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => CanaryRouting.IsSplit(e.Value)
                ? new AliasListing(e.Key, e.Value.Previous[0], e.Value.Version, e.Value.Weight)
                : new AliasListing(e.Key, e.Value.Version))
            .ToArray();

    /// <summary>
    /// Warms <see cref="ModelCacheOptions.Preload"/> (EMBER_PRELOAD), all at once (loads still queue
    /// for the load slots). Never throws for a model: returns one message per model that did not
    /// load, for the host to log; such models also show in <see cref="Health"/> when they exist.
    /// </summary>
    public async Task<IReadOnlyList<string>> PreloadAsync(CancellationToken cancellationToken)
    {
        var loads = _options.Preload.Select(async request =>
        {
            try
            {
                await GetAsync(request, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ex is ModelNotFoundException or ModelUnavailableException)
            {
                return $"preload {request.Name}{(request.Alias is null ? "" : "@" + request.Alias)}: {ex.Message}";
            }
        }).ToArray();
        string?[] results = await Task.WhenAll(loads).ConfigureAwait(false);
        return results.OfType<string>().ToArray();
    }
}
