using System.Globalization;
using System.Text.Json;
using Ember.Api;
using Ember.Storage;

namespace Ember.Monitoring;

/// <summary>
/// Monitoring snapshots in the model store, append-only, beside the model's versions:
/// <c>&lt;name&gt;/_monitor/&lt;version&gt;/&lt;yyyy-MM-dd&gt;/&lt;HHmmss&gt;-&lt;instance&gt;.json</c>
/// (the registry ignores names starting with '_'). Each instance writes at most one snapshot per
/// window, create-only; readers list a day folder at a time, so reading a time range stays bounded.
/// </summary>
public sealed class SnapshotStore(IObjectStore store)
{
    public const string Folder = "_monitor";

    /// <summary>A snapshot bigger than this is not one Ember wrote: refuse to read it into memory.</summary>
    public const int MaxSnapshotBytes = 8 * 1024 * 1024;

    /// <summary>Stops a merge over a huge history: the oldest are left out (and said so).</summary>
    public const int MaxSnapshotsPerRead = 20_000;

    public string Location => store.Location;

    public static string KeyFor(MonitorSnapshot snapshot) =>
        $"{snapshot.Name}/{Folder}/{snapshot.Version}/{snapshot.WindowEnd.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/"
        + $"{snapshot.WindowEnd.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture)}-{snapshot.Instance}.json";

    public async Task<string> WriteAsync(MonitorSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        string key = KeyFor(snapshot);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(snapshot, EmberJsonContext.Default.MonitorSnapshot);
        var result = await store.PutAsync(key, json, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // Same instance, same second: keep both rather than overwrite history.
            key = key[..^".json".Length] + "-" + Guid.NewGuid().ToString("N")[..6] + ".json";
            await store.PutAsync(key, json, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        }
        return key;
    }

    /// <summary>
    /// Merges every snapshot of <paramref name="name"/> whose window ended at or after
    /// <paramref name="since"/>, one window per version. Unreadable snapshots are left out and
    /// listed in <see cref="SnapshotMerge.Problems"/>.
    /// </summary>
    public async Task<SnapshotMerge> MergeAsync(string name, DateTimeOffset since, string? version = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var keys = new List<string>();
        string root = $"{name}/{Folder}/";
        var versions = new List<string>();
        if (version is not null)
            versions.Add(version);
        else
            await foreach (var entry in store.ListAllAsync(root, delimited: true, cancellationToken).ConfigureAwait(false))
                if (entry.IsPrefix)
                    versions.Add(entry.Key[root.Length..].TrimEnd('/'));
        string firstDay = since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var v in versions)
        {
            string versionRoot = $"{root}{v}/";
            await foreach (var day in store.ListAllAsync(versionRoot, delimited: true, cancellationToken).ConfigureAwait(false))
            {
                if (!day.IsPrefix || string.CompareOrdinal(day.Key[versionRoot.Length..].TrimEnd('/'), firstDay) < 0)
                    continue;
                await foreach (var entry in store.ListAllAsync(day.Key, cancellationToken: cancellationToken).ConfigureAwait(false))
                    if (!entry.IsPrefix && entry.Key.EndsWith(".json", StringComparison.Ordinal))
                        keys.Add(entry.Key);
            }
        }
        keys.Sort(StringComparer.Ordinal);
        if (keys.Count > MaxSnapshotsPerRead)
        {
            problems.Add($"{keys.Count} snapshots match; only the newest {MaxSnapshotsPerRead} per version folder order were merged");
            keys = keys.GetRange(keys.Count - MaxSnapshotsPerRead, MaxSnapshotsPerRead);
        }

        var windows = new Dictionary<string, MonitorWindow>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            MonitorSnapshot? snapshot;
            try
            {
                var read = await store.ReadAllBytesAsync(key, MaxSnapshotBytes, cancellationToken).ConfigureAwait(false);
                if (read is null)
                    continue;
                snapshot = JsonSerializer.Deserialize(read.Value.Content, EmberJsonContext.Default.MonitorSnapshot);
                if (snapshot is null || snapshot.WindowEnd < since)
                    continue;
                var window = MonitorWindow.FromSnapshot(snapshot);
                if (windows.TryGetValue(snapshot.Version, out var merged))
                    merged.Merge(window);
                else
                    windows[snapshot.Version] = window;
            }
            catch (Exception ex) when (ex is JsonException or FormatException or ObjectStoreException)
            {
                problems.Add($"{key}: {ex.Message}");
            }
        }
        return new SnapshotMerge(windows.Count, keys.Count, problems, windows);
    }
}

/// <summary>The merged windows by version, how many snapshots were read, and what could not be.</summary>
public sealed class SnapshotMerge
{
    internal SnapshotMerge(int versions, int snapshots, IReadOnlyList<string> problems, Dictionary<string, MonitorWindow> windows)
    {
        Versions = versions;
        Snapshots = snapshots;
        Problems = problems;
        Windows = windows;
    }

    public int Versions { get; }

    public int Snapshots { get; }

    public IReadOnlyList<string> Problems { get; }

    internal Dictionary<string, MonitorWindow> Windows { get; }

    /// <summary>The merged view of each version, compared with its baseline when one is given.</summary>
    public IReadOnlyList<VersionMonitorView> Views(Func<string, ModelBaseline?> baselineOf, string name, Func<string, IReadOnlyList<string>>? aliasesOf = null)
    {
        var views = new List<VersionMonitorView>();
        foreach (var (version, window) in Windows.OrderBy(w => w.Key, StringComparer.Ordinal))
            views.Add(MonitorViews.Build(name, version, aliasesOf?.Invoke(version) ?? [], window, baselineOf(version)));
        return views;
    }
}
