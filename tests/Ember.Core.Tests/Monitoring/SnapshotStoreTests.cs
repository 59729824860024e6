using System.Text.Json;
using Ember.Monitoring;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-snapshots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Snapshots_OfSeveralInstances_MergeIntoOneView_InAnyOrder()
    {
        var pipeline = MonitoringSamples.Pipeline();
        var time = new ManualTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var store = new FileStore(_dir);
        var snapshots = new SnapshotStore(store);
        var written = new List<MonitorSnapshot>();
        for (int instance = 0; instance < 3; instance++)
        {
            var monitor = new ScoringMonitor("m", "1", pipeline, null, MonitorOptions.Default with { Instance = "i" + instance }, time);
            monitor.Observe(MonitoringSamples.Score(pipeline, MonitoringSamples.Rows(instance, 100 * (instance + 1))), pipeline.DefaultPlan);
            monitor.RecordRequest(instance + 1);
            var snapshot = Assert.Single(monitor.TakeCompleted(includeCurrent: true));
            string key = await snapshots.WriteAsync(snapshot);
            Assert.StartsWith("m/_monitor/1/2025-03-01/120000-i" + instance, key);
            written.Add(snapshot);
        }
        var merge = await snapshots.MergeAsync("m", time.Now.AddDays(-1));
        Assert.Equal(3, merge.Snapshots);
        Assert.Empty(merge.Problems);
        var view = Assert.Single(merge.Views(_ => null, "m"));
        Assert.Equal(600, view.Rows);
        Assert.Equal(3, view.Requests);
        Assert.Equal(3, view.Instances);

        // Merging in another order gives the same profiles (counts exactly; moments to rounding).
        var forward = MonitorWindow.FromSnapshot(written[0]);
        forward.Merge(MonitorWindow.FromSnapshot(written[1]));
        forward.Merge(MonitorWindow.FromSnapshot(written[2]));
        var backward = MonitorWindow.FromSnapshot(written[2]);
        backward.Merge(MonitorWindow.FromSnapshot(written[1]));
        backward.Merge(MonitorWindow.FromSnapshot(written[0]));
        Assert.Equal(Json(forward), Json(backward));
    }

    [Fact]
    public async Task Merge_CorruptSnapshot_IsListedNotFatal_AndOldDaysAreNotRead()
    {
        using var store = new FileStore(_dir);
        await store.PutAsync("m/_monitor/1/2025-03-01/120000-bad.json", "{ not json"u8.ToArray());
        await store.PutAsync("m/_monitor/1/2020-01-01/120000-old.json", "{ also not json"u8.ToArray());
        var merge = await new SnapshotStore(store).MergeAsync("m", new DateTimeOffset(2025, 2, 28, 0, 0, 0, TimeSpan.Zero));
        var problem = Assert.Single(merge.Problems);
        Assert.Contains("120000-bad.json", problem);
        Assert.Equal(0, merge.Versions);
    }

    [Fact]
    public async Task Hub_Flush_WritesEachCompletedWindowOnce()
    {
        var pipeline = MonitoringSamples.Pipeline();
        var time = new ManualTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var store = new FileStore(_dir);
        using var hub = new MonitorHub(MonitorOptions.Default with { Window = TimeSpan.FromMinutes(1) }, store, time);
        var monitor = hub.Add(new ScoringMonitor("m", "1", pipeline, null, hub.Options, time));
        monitor.Observe(MonitoringSamples.Score(pipeline, MonitoringSamples.Rows(1, 10)), pipeline.DefaultPlan);
        Assert.Equal(0, await hub.FlushAsync());
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await hub.FlushAsync());
        Assert.Equal(0, await hub.FlushAsync());
        var view = hub.View("m", [new Ember.Serving.AliasListing("prod", "1", "2", 10)]);
        Assert.Equal(["prod"], Assert.Single(view.Versions).Aliases);
    }

    private static string Json(MonitorWindow w) => System.Text.RegularExpressions.Regex.Replace(
        JsonSerializer.Serialize(w.ToSnapshot("m", "1", "x"), Ember.Api.EmberJsonContext.Default.MonitorSnapshot),
        @"-?\d+\.\d+(E[+-]?\d+)?",
        m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture).ToString("G10", System.Globalization.CultureInfo.InvariantCulture));
}
