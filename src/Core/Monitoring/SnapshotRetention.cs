using System.Globalization;
using Ember.Storage;

namespace Ember.Monitoring;

/// <summary>
/// Deletes monitoring snapshots whose window ended before a cutoff, from the day-folder layout of
/// <see cref="SnapshotStore"/> (<c>&lt;name&gt;/_monitor/&lt;version&gt;/&lt;yyyy-MM-dd&gt;/&lt;HHmmss&gt;-&lt;instance&gt;.json</c>):
/// day folders before the cutoff's day go whole, the cutoff's own day goes by the time in each
/// name, later days are never listed. No snapshot is ever read. Names that are not Ember's
/// (other folders, other files) are left alone and reported.
/// </summary>
public sealed class SnapshotRetention(IObjectStore store)
{
    public string Location => store.Location;

    /// <param name="cutoff">Snapshots whose window ended before this go.</param>
    /// <param name="dryRun">List what would go, delete nothing.</param>
    public async Task<PruneResult> PruneAsync(string name, DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var deleted = new List<string>();
        var problems = new List<string>();
        // A name holds whole seconds of the window's end: only a name before the cutoff's whole
        // second is sure to have ended before the cutoff.
        var cutoffUtc = cutoff.UtcDateTime;
        string cutoffDay = cutoffUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cutoffTime = new TimeSpan(cutoffUtc.Hour, cutoffUtc.Minute, cutoffUtc.Second);
        string root = $"{name}/{SnapshotStore.Folder}/";

        var versions = new List<string>();
        await foreach (var entry in store.ListAllAsync(root, delimited: true, cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsPrefix)
                versions.Add(entry.Key);
            else
                problems.Add($"{entry.Key}: not a version folder, left alone");
        }
        foreach (string version in versions)
        {
            var days = new List<(string Prefix, string Day)>();
            await foreach (var entry in store.ListAllAsync(version, delimited: true, cancellationToken).ConfigureAwait(false))
            {
                string day = entry.Key[version.Length..].TrimEnd('/');
                if (entry.IsPrefix && IsDay(day))
                    days.Add((entry.Key, day));
                else
                    problems.Add($"{entry.Key}: not a day folder (yyyy-MM-dd), left alone");
            }
            foreach (var (prefix, day) in days)
            {
                int order = string.CompareOrdinal(day, cutoffDay);
                if (order > 0)
                    continue; // every snapshot in it is kept: never listed
                var doomed = new List<string>();
                await foreach (var entry in store.ListAllAsync(prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (entry.IsPrefix)
                        continue;
                    if (SnapshotTime(entry.Key[prefix.Length..]) is not { } time)
                        problems.Add($"{entry.Key}: not a snapshot name (HHmmss-<instance>.json), left alone");
                    else if (order < 0 || time < cutoffTime)
                        doomed.Add(entry.Key);
                }
                foreach (string key in doomed)
                {
                    if (!dryRun)
                        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                    deleted.Add(key);
                }
            }
        }
        return new PruneResult(deleted, problems);
    }

    private static bool IsDay(string text) =>
        text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The time of day in a snapshot's file name, or null when the name is not one Ember writes.</summary>
    private static TimeSpan? SnapshotTime(string fileName)
    {
        if (fileName.Length < 13 || fileName[6] != '-' || !fileName.EndsWith(".json", StringComparison.Ordinal) || fileName.Contains('/'))
            return null;
        return TimeSpan.TryParseExact(fileName.AsSpan(0, 6), "hhmmss", CultureInfo.InvariantCulture, out var time) ? time : null;
    }
}

/// <summary>What a prune deleted (or would delete, in a dry run), and what it left alone and why.</summary>
public sealed record PruneResult(IReadOnlyList<string> Deleted, IReadOnlyList<string> Problems);
