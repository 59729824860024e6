using Ember.Core.Tests.Bundles;
using Ember.Serving;
using Ember.Storage.Registry;
using Xunit;

namespace Ember.Core.Tests.Serving;

public abstract partial class ModelCacheContract
{
    private const string MetadataKey = "iris/1/model/metadata/part-00000";

    [Fact]
    public async Task CorruptedDownload_IsRefusedNamingTheFile_NeverServed_ThenRecovers()
    {
        await PushAsync("iris", "1");
        await DropPackAsync("iris", "1"); // file by file, as a version pushed before packs or copied by hand
        Faulty.Tamper = (key, bytes) => key == MetadataKey ? [.. bytes[..^2], (byte)' ', (byte)'\n'] : bytes;
        ModelCache cache = NewCache();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Get(cache, "iris", version: "1"));
        Assert.Contains("'model/metadata/part-00000' has changed", error.Message, StringComparison.Ordinal);
        Assert.Contains(cache.Health(), h => h is { Name: "iris", Version: "1", Ready: false });

        Faulty.Tamper = null;
        await Eventually(async () =>
        {
            try { return (await Get(cache, "iris", version: "1")).Version == "1"; }
            catch (ModelUnavailableException) { return false; }
        }, "the version loads once downloads are sound again");
        Assert.Contains(cache.Health(), h => h is { Name: "iris", Version: "1", Ready: true });
    }

    [Fact]
    public async Task StoreDetectedCorruption_IsUnavailable_NotNotFound()
    {
        await PushAsync("iris", "1");
        await DropPackAsync("iris", "1"); // file by file, as a version pushed before packs or copied by hand
        Faulty.CorruptGet = key => key == MetadataKey;
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Get(NewCache(), "iris", version: "1"));
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains(MetadataKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptPack_IsPassedOver_AndTheFilesAreRead()
    {
        await PushAsync("iris", "1");
        Faulty.CorruptGet = key => key == PackKey("iris", "1");
        Assert.Equal("1", (await Get(NewCache(), "iris", version: "1")).Version);
        Assert.Equal(1, Faulty.Gets(PackKey("iris", "1")));
        Assert.Equal(1, Faulty.Gets(MetadataKey));
    }

    [Fact]
    public async Task PackThatDoesNotMatchTheListing_IsIgnored()
    {
        await PushAsync("iris", "1");
        // A pack that lost a file (or belongs to other files) must never stand in for the listing.
        byte[] stale = VersionPack.Write([("model/metadata/part-00000", () => new MemoryStream("{}"u8.ToArray()))]);
        await RawStore.PutAsync(PackKey("iris", "1"), stale);
        Assert.Equal("1", (await Get(NewCache(), "iris", version: "1")).Version);
        Assert.Equal(1, Faulty.Gets(MetadataKey));
    }

    [Fact]
    public async Task TamperedBundleInStore_IsRefused_NamingTheFile()
    {
        await PushAsync("iris", "1");
        // Someone edits the threshold in place, after the push.
        await RawStore.PutAsync(MetadataKey, System.Text.Encoding.UTF8.GetBytes(
            File.ReadAllText(Path.Combine(TestModels.WriteBinarizer(Path.Combine(Path.GetTempPath(), "ember-t-" + Guid.NewGuid().ToString("N")), 0.95), "metadata", "part-00000"))));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Get(NewCache(), "iris", version: "1"));
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("model/metadata/part-00000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleWhoseExamplesDoNotReproduce_IsRefused_NeverServed()
    {
        await PushAsync("iris", "1", spoil: bundle =>
            TestModels.EditManifest(bundle, json => json.Replace("\"y\": 1", "\"y\": 0", StringComparison.Ordinal)));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Get(NewCache(), "iris", version: "1"));
        Assert.Contains("example 2 of 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageOutage_ColdLoadIsUnavailable_WarmModelsKeepServing_AndHealthSaysSo()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        await Registry.PromoteAsync("iris", "prod", "1");
        ModelCache cache = NewCache();
        ServedModel warm = await Get(cache, "iris");

        Faulty.Down = true;
        for (int i = 0; i < 5; i++)
            Assert.Same(warm, await Get(cache, "iris"));
        Assert.Same(warm, await Get(cache, "iris", version: "1"));
        var cold = await Assert.ThrowsAsync<ModelUnavailableException>(() => Get(cache, "iris", version: "2"));
        Assert.Contains("unavailable", cold.Message, StringComparison.Ordinal);
        Assert.True(cold.RetryAfter > TimeSpan.Zero);
        Assert.Contains(cache.Health(), h => h is { Name: "iris", Version: "1", Ready: true, Degraded: true });

        Faulty.Down = false;
        await Eventually(async () =>
        {
            try { return (await Get(cache, "iris", version: "2")).Version == "2"; }
            catch (ModelUnavailableException) { return false; }
        }, "version 2 loads after the outage");
        await Eventually(async () =>
        {
            await Get(cache, "iris");
            return cache.Health().All(h => !h.Degraded);
        }, "health recovers once aliases can be read again");
    }

    [Fact]
    public async Task StorageOutage_MidLoad_IsUnavailable_AndTheNextLoadSucceeds()
    {
        await PushAsync("iris", "1");
        await DropPackAsync("iris", "1"); // file by file, as a version pushed before packs or copied by hand
        Faulty.FailGet = key => key == MetadataKey;
        ModelCache cache = NewCache();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Get(cache, "iris", version: "1"));
        Assert.Contains(MetadataKey, error.Message, StringComparison.Ordinal);
        Faulty.FailGet = null;
        await Eventually(async () =>
        {
            try { return (await Get(cache, "iris", version: "1")).Version == "1"; }
            catch (ModelUnavailableException) { return false; }
        }, "the load is retried after the back-off");
    }

    [Fact]
    public async Task FailedReload_KeepsServingTheLastGoodVersion_AndMarksDegraded()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2", spoil: bundle =>
            TestModels.EditManifest(bundle, json => json.Replace("\"y\": 1", "\"y\": 0", StringComparison.Ordinal)));
        await Registry.PromoteAsync("iris", "prod", "1");
        ModelCache cache = NewCache();
        Assert.Equal("1", (await Get(cache, "iris")).Version);

        await Registry.PromoteAsync("iris", "prod", "2");
        await Eventually(async () =>
        {
            Assert.Equal("1", (await Get(cache, "iris")).Version); // never a failed request, never version 2
            return cache.Health().Any(h => h is { Version: "2", Ready: false, Degraded: true });
        }, "the failed reload shows as degraded");
        ModelHealth serving = Assert.Single(cache.Health(), h => h.Version == "1");
        Assert.True(serving.Degraded);
        Assert.Contains("version 1 keeps serving", serving.Detail, StringComparison.Ordinal);

        await Registry.RollbackAsync("iris", "prod");
        await Eventually(async () =>
        {
            Assert.Equal("1", (await Get(cache, "iris")).Version);
            return cache.Health().All(h => !h.Degraded);
        }, "rollback clears the degraded mark");
    }

    [Fact]
    public async Task PromoteAndRollback_UnderConcurrentTraffic_TakeEffect_WithZeroFailedRequests()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        await Registry.PromoteAsync("iris", "prod", "1");
        ModelCache cache = NewCache(TestOptions with { AliasRefreshInterval = TimeSpan.FromMilliseconds(100) });
        await Get(cache, "iris");

        int failures = 0;
        string? lastFailure = null;
        string latest = "1";
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    ServedModel model = await Get(cache, "iris");
                    Volatile.Write(ref latest, model.Version);
                    Assert.Equal(1.0, Score(model, 0.9));
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref failures);
                    lastFailure = ex.ToString();
                }
                await Task.Yield();
            }
        })).ToArray();

        await Registry.PromoteAsync("iris", "prod", "2");
        await Eventually(() => Task.FromResult(Volatile.Read(ref latest) == "2"), "promote takes effect");
        await Registry.RollbackAsync("iris", "prod");
        await Eventually(() => Task.FromResult(Volatile.Read(ref latest) == "1"), "rollback takes effect");
        stop.Cancel();
        await Task.WhenAll(traffic);

        Assert.True(failures == 0, $"{failures} failed requests, last: {lastFailure}");
    }

    [Fact]
    public async Task WeightedAlias_SplitsTraffic_DeterministicallyPerRoutingKey()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        await Registry.PromoteAsync("iris", "prod", "1");
        await Registry.PromoteAsync("iris", "prod", "2", weight: 25);
        ModelCache cache = NewCache();
        await Get(cache, "iris", version: "1");
        await Get(cache, "iris", version: "2");

        int canary = 0;
        for (int i = 0; i < 400; i++)
        {
            string version = (await Get(cache, "iris", key: "user-" + i)).Version;
            Assert.Equal(version, (await Get(cache, "iris", key: "user-" + i)).Version);
            if (version == "2")
                canary++;
        }
        Assert.InRange(canary, 50, 150);
    }

    [Fact]
    public async Task Budget_EvictsLeastRecentlyUsed_AndEvictedModelsStayUsableWhileHeld()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        await PushAsync("iris", "3");
        ModelCache cache = NewCache(TestOptions with { CacheBytes = 1 });
        ServedModel one = await Get(cache, "iris", version: "1");
        long each = one.EstimatedBytes;
        cache = NewCache(TestOptions with { CacheBytes = each * 2 + each / 2 });

        await Get(cache, "iris", version: "1");
        ServedModel two = await Get(cache, "iris", version: "2");
        await Get(cache, "iris", version: "1"); // 2 is now the least recently used
        await Get(cache, "iris", version: "3");

        Assert.Equal(["1", "3"], cache.WarmVersions().Select(v => v.Version).Order());
        Assert.True(cache.WarmBytes <= each * 2 + each / 2);
        Assert.Equal(1.0, Score(two, 0.9)); // a request still holding it finishes normally
        Assert.NotSame(two, await Get(cache, "iris", version: "2")); // and a new request reloads it
    }

    [Fact]
    public async Task Preload_WarmsTheListedModels_AndReportsTheOthers()
    {
        await PushAsync("iris", "1");
        await Registry.PromoteAsync("iris", "prod", "1");
        ModelCache cache = NewCache(TestOptions with { Preload = ModelCacheOptions.ParsePreload("iris,nope@prod") });

        IReadOnlyList<string> problems = await cache.PreloadAsync(CancellationToken.None);

        Assert.Equal([("iris", "1")], cache.WarmVersions());
        Assert.Contains("nope", Assert.Single(problems), StringComparison.Ordinal);
    }
}
