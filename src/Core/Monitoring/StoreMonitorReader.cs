using System.Text.Json;
using Ember.Api;
using Ember.Bundles;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Monitoring;

/// <summary>
/// The fleet-wide view of a model: merges every instance's snapshots from the store and compares
/// each version with the baseline in its manifest (<c>&lt;name&gt;/&lt;version&gt;/ember.json</c>).
/// Used by `ember monitor` and `ember report`.
/// </summary>
public static class StoreMonitorReader
{
    public static async Task<StoreMonitorResult> ReadAsync(IObjectStore store, string name, DateTimeOffset since, string? version = null,
        CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var merge = await new SnapshotStore(store).MergeAsync(name, since, version, cancellationToken).ConfigureAwait(false);
        problems.AddRange(merge.Problems);

        var aliases = new List<AliasListing>();
        try
        {
            var read = await new ModelRepository(store).ReadAliasesAsync(name, cancellationToken).ConfigureAwait(false);
            foreach (var (alias, entry) in read.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                // A weighted entry is the canary share of the alias it routes beside ("prod" + "canary" style).
                aliases.Add(entry.Weight is { } w ? new AliasListing(alias, entry.Version, entry.Version, w) : new AliasListing(alias, entry.Version));
            }
        }
        catch (Exception ex) when (ex is ModelRegistryException or ObjectStoreException)
        {
            problems.Add(ex.Message);
        }

        var baselines = new Dictionary<string, ModelBaseline?>(StringComparer.Ordinal);
        foreach (var v in merge.Windows.Keys)
            baselines[v] = await BaselineOfAsync(store, name, v, problems, cancellationToken).ConfigureAwait(false);
        var views = merge.Views(v => baselines.GetValueOrDefault(v), name, v => aliases
            .Where(a => a.Version == v).Select(a => a.CanaryWeight is { } w ? $"{a.Alias} ({w}%)" : a.Alias).ToArray());
        return new StoreMonitorResult(new ModelMonitorView(name, aliases, views), merge.Snapshots, problems);
    }

    private static async Task<ModelBaseline?> BaselineOfAsync(IObjectStore store, string name, string version, List<string> problems, CancellationToken cancellationToken)
    {
        string key = $"{name}/{version}/{BundleManifest.FileName}";
        try
        {
            var read = await store.ReadAllBytesAsync(key, 64 * 1024 * 1024, cancellationToken).ConfigureAwait(false);
            if (read is null)
                return null;
            var manifest = JsonSerializer.Deserialize(read.Value.Content, EmberJsonContext.Default.BundleManifest);
            return BaselineCodec.FromManifest(manifest?.Baseline);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ObjectStoreException)
        {
            problems.Add($"{key}: {ex.Message}");
            return null;
        }
    }
}

/// <summary>The merged view, how many snapshots it covers, and what could not be read.</summary>
public sealed record StoreMonitorResult(ModelMonitorView View, int Snapshots, IReadOnlyList<string> Problems);
