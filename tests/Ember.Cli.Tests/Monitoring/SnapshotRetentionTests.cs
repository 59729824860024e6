using System.Collections.Concurrent;
using Ember.Monitoring;
using Ember.Storage;
using Xunit;

namespace Ember.Cli.Tests.Monitoring;

/// <summary>SnapshotRetention over a file store: what goes around the cutoff, and that kept snapshots are never read or even listed.</summary>
public sealed class SnapshotRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = new(2026, 3, 10, 12, 0, 0, 500, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("ember-retention-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Key(string version, string day, string time, string instance = "inst1") => $"m/_monitor/{version}/{day}/{time}-{instance}.json";

    private async Task<RecordingStore> StoreWithAsync(params string[] keys)
    {
        var store = new RecordingStore(new FileStore(_dir));
        foreach (string key in keys)
            await store.PutAsync(key, "{}"u8.ToArray());
        store.Calls.Clear();
        return store;
    }

    [Fact]
    public async Task Prune_DeletesWindowsEndedBeforeTheCutoff_KeepsTheRest()
    {
        string[] old = [Key("1", "2026-02-01", "000000"), Key("1", "2026-03-09", "235959"), Key("1", "2026-03-10", "115959"), Key("2", "2026-03-01", "120000", "inst2")];
        string[] kept = [Key("1", "2026-03-10", "120000"), Key("1", "2026-03-10", "120001"), Key("1", "2026-03-11", "000000"), Key("2", "2026-04-01", "080000")];
        using var store = await StoreWithAsync([.. old, .. kept]);

        var result = await new SnapshotRetention(store).PruneAsync("m", Cutoff);

        Assert.Equal(old.Order(StringComparer.Ordinal), result.Deleted.Order(StringComparer.Ordinal));
        Assert.Empty(result.Problems);
        Assert.Equal(kept.Order(StringComparer.Ordinal), await KeysAsync(store));
        Assert.False(Directory.Exists(Path.Combine(_dir, "m", "_monitor", "1", "2026-02-01"))); // emptied day folders go too
    }

    [Fact]
    public async Task Prune_NeverReadsASnapshot_NorListsADayAfterTheCutoff()
    {
        using var store = await StoreWithAsync(Key("1", "2026-03-01", "000000"), Key("1", "2026-03-10", "130000"), Key("1", "2026-03-12", "000000"));

        await new SnapshotRetention(store).PruneAsync("m", Cutoff);

        Assert.DoesNotContain(store.Calls, c => c.StartsWith("get ", StringComparison.Ordinal));
        Assert.DoesNotContain(store.Calls, c => c.Contains("2026-03-12", StringComparison.Ordinal));
        Assert.Contains("delete " + Key("1", "2026-03-01", "000000"), store.Calls);
    }

    [Fact]
    public async Task Prune_DryRun_DeletesNothing_AndSaysWhatWouldGo()
    {
        string doomed = Key("1", "2026-01-05", "101010");
        using var store = await StoreWithAsync(doomed, Key("1", "2026-03-11", "000000"));

        var result = await new SnapshotRetention(store).PruneAsync("m", Cutoff, dryRun: true);

        Assert.Equal([doomed], result.Deleted);
        Assert.DoesNotContain(store.Calls, c => c.StartsWith("delete ", StringComparison.Ordinal));
        Assert.Equal(2, (await KeysAsync(store)).Count);
    }

    [Fact]
    public async Task Prune_LeavesNamesThatAreNotEmbers_AndReportsThem()
    {
        using var store = await StoreWithAsync(
            "m/_monitor/1/2026-01-05/notes.txt", "m/_monitor/1/old-stuff/000000-x.json", "m/_monitor/readme.json", Key("1", "2026-01-05", "000000"));

        var result = await new SnapshotRetention(store).PruneAsync("m", Cutoff);

        Assert.Equal([Key("1", "2026-01-05", "000000")], result.Deleted);
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.StartsWith("m/_monitor/1/2026-01-05/notes.txt: not a snapshot name", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("m/_monitor/1/old-stuff/: not a day folder", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("m/_monitor/readme.json: not a version folder", StringComparison.Ordinal));
        Assert.Equal(3, (await KeysAsync(store)).Count);
    }

    [Fact]
    public async Task Prune_ModelWithoutSnapshots_DeletesNothing()
    {
        using var store = await StoreWithAsync("m/1/ember.json");

        var result = await new SnapshotRetention(store).PruneAsync("m", Cutoff);

        Assert.Empty(result.Deleted);
        Assert.Empty(result.Problems);
    }

    private static async Task<List<string>> KeysAsync(IObjectStore store)
    {
        var keys = new List<string>();
        await foreach (var entry in store.ListAllAsync("m/_monitor/"))
            keys.Add(entry.Key);
        return keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Records every call ("get key", "list prefix", "delete key") on the way to a real store.</summary>
    private sealed class RecordingStore(IObjectStore inner) : IObjectStore
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public string Location => inner.Location;

        public Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue("get " + key);
            return inner.GetAsync(key, ifNoneMatch, cancellationToken);
        }

        public Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue("range " + key);
            return inner.GetRangeAsync(key, offset, length, ifMatch, cancellationToken);
        }

        public Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue("list " + prefix);
            return inner.ListPageAsync(prefix, options, cancellationToken);
        }

        public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default) =>
            inner.PutAsync(key, content, condition, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue("delete " + key);
            return inner.DeleteAsync(key, cancellationToken);
        }

        public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default) => inner.StartUploadAsync(key, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
