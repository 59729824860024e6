using Ember.Monitoring;
using Ember.Storage;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember monitor &lt;name&gt; --store &lt;uri&gt; --prune-older-than 30d [--dry-run]`: deletes the
/// monitoring snapshots whose window ended before the cutoff (<see cref="SnapshotRetention"/>) and
/// prints one line per day folder it emptied or thinned, then the total.
/// </summary>
internal static class MonitorPrune
{
    /// <summary>Below a day the cutoff falls into windows instances are still writing: surely a typo.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromDays(1);

    public static async Task<int> RunAsync(string name, string storeUri, string olderThan, bool dryRun, Func<string, string?> environment,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!MonitorCommand.TryParseSpan(olderThan, out var age) || age < Shortest)
        {
            error.WriteLine($"ember monitor: --prune-older-than '{olderThan}' is not a duration of at least a day, such as 1d, 30d or 72h");
            return 2;
        }
        var cutoff = DateTimeOffset.UtcNow - age;
        PruneResult result;
        string location;
        try
        {
            using var store = ObjectStoreFactory.FromUri(storeUri, environment);
            var retention = new SnapshotRetention(store);
            location = retention.Location;
            result = await retention.PruneAsync(name, cutoff, dryRun, ct).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex)
        {
            error.WriteLine($"ember monitor: {ex.Message}");
            return 1;
        }

        string verb = dryRun ? "would delete" : "deleted";
        foreach (var folder in result.Deleted.GroupBy(k => k[..(k.LastIndexOf('/') + 1)], StringComparer.Ordinal))
            output.WriteLine($"{verb} {folder.Count(),6} snapshot(s) in {folder.Key}");
        output.WriteLine($"{name}: {verb} {result.Deleted.Count} snapshot(s) whose window ended before {cutoff:yyyy-MM-dd HH:mm:ss} UTC in {location}");
        foreach (string problem in result.Problems)
            error.WriteLine($"ember monitor: warning: {problem}");
        return 0;
    }
}
