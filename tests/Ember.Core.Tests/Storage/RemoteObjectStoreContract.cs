using System.Diagnostics;
using Ember.Storage;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>The part of the contract only a networked store has: retries, timeouts, outages, damaged downloads.</summary>
public abstract class RemoteObjectStoreContract : ObjectStoreContract
{
    /// <summary>Retries are bounded: an outage must surface well within this.</summary>
    private static readonly TimeSpan OutageBound = TimeSpan.FromSeconds(20);

    /// <summary>A store over the same root as <see cref="ObjectStoreContract.Store"/> whose HTTP goes through <paramref name="handler"/>.</summary>
    protected abstract IObjectStore OpenSameRootThrough(HttpMessageHandler handler, StoreOptions options);

    /// <summary>A store whose endpoint is a closed 127.0.0.1 port.</summary>
    protected abstract IObjectStore OpenUnreachable(StoreOptions options);

    /// <summary>A store on an emulator of its own, ready to use, that the test may kill.</summary>
    protected abstract Task<(IObjectStore Store, EmulatorProcess Service, IAsyncDisposable Owner)> StartPrivateServiceAsync(StoreOptions options);

    [Fact]
    public async Task Get_TruncatedDownload_IsCorrupt()
    {
        await Store.PutAsync("m/data.parquet", RandomBytes(100_000, 11));
        using IObjectStore through = OpenSameRootThrough(new InterceptingHandler { TamperDownload = b => b[..(b.Length / 2)] }, TestOptions);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => GetBytesAsync("m/data.parquet", through));
        Assert.Equal(ObjectStoreErrorKind.Corrupt, error.Kind);
        Assert.Contains("m/data.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AlteredByteInDownload_IsCorrupt()
    {
        await Store.PutAsync("m/data.parquet", RandomBytes(100_000, 12));
        using IObjectStore through = OpenSameRootThrough(new InterceptingHandler
        {
            TamperDownload = b => { var c = (byte[])b.Clone(); c[500] ^= 0xFF; return c; },
        }, TestOptions);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => GetBytesAsync("m/data.parquet", through));
        Assert.Equal(ObjectStoreErrorKind.Corrupt, error.Kind);
    }

    [Fact]
    public async Task GetRange_TruncatedDownload_IsCorrupt()
    {
        await Store.PutAsync("m/data.parquet", RandomBytes(100_000, 13));
        using IObjectStore through = OpenSameRootThrough(new InterceptingHandler { TamperDownload = b => b[..(b.Length / 2)] }, TestOptions);

        await using ObjectRangeResult range = await through.GetRangeAsync("m/data.parquet", 1000, 50_000);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => ReadAllAsync(range));
        Assert.Equal(ObjectStoreErrorKind.Corrupt, error.Kind);
        Assert.Contains("m/data.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRange_TransientFailures_AreRetried_ThenSucceed()
    {
        byte[] content = RandomBytes(10_000, 14);
        await Store.PutAsync("r/x.bin", content);
        var handler = new InterceptingHandler { FailFirst = 2 };
        using IObjectStore through = OpenSameRootThrough(handler, TestOptions);

        await using ObjectRangeResult range = await through.GetRangeAsync("r/x.bin", 9000, 1000);
        Assert.Equal(content[9000..], await ReadAllAsync(range));
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task TransientFailures_AreRetried_ThenSucceed()
    {
        await Store.PutAsync("r/x.json", Bytes("ok"));
        var handler = new InterceptingHandler { FailFirst = 2 };
        using IObjectStore through = OpenSameRootThrough(handler, TestOptions);

        Assert.Equal(Bytes("ok"), await GetBytesAsync("r/x.json", through));
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task PersistentFailures_AreStoreUnavailable_AfterBoundedRetries()
    {
        var handler = new InterceptingHandler { FailFirst = int.MaxValue };
        using IObjectStore through = OpenSameRootThrough(handler, TestOptions);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => through.GetAsync("r/x.json"));
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Equal(TestOptions.MaxRetries + 1, handler.Requests);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowAnswer_HitsThePerRequestTimeout_AndIsStoreUnavailable()
    {
        var options = TestOptions with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 };
        using IObjectStore through = OpenSameRootThrough(new InterceptingHandler { Delay = TimeSpan.FromSeconds(30) }, options);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => through.GetAsync("r/slow.json"));
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CallerCancellation_IsOperationCanceled_NotAStoreError()
    {
        using IObjectStore through = OpenSameRootThrough(new InterceptingHandler { Delay = TimeSpan.FromSeconds(30) }, TestOptions);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => through.GetAsync("r/x.json", null, cts.Token));
    }

    [Fact]
    public async Task ClosedPort_IsStoreUnavailable_NamingStoreAndKey_WithinBoundedTime()
    {
        using IObjectStore store = OpenUnreachable(TestOptions);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("iris/aliases.json"));
        Assert.True(clock.Elapsed < OutageBound, $"took {clock.Elapsed}");
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Contains(store.Location, error.Message, StringComparison.Ordinal);
        Assert.Contains("iris/aliases.json", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{TestOptions.MaxRetries + 1} attempt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmulatorKilledMidTest_EveryOperationIsStoreUnavailable_WithinBoundedTime()
    {
        var (store, service, owner) = await StartPrivateServiceAsync(TestOptions);
        await using (owner)
        using (store)
        {
            await store.PutAsync("iris/1/metadata/part-00000", Bytes("{}"));
            Assert.Equal(Bytes("{}"), await GetBytesAsync("iris/1/metadata/part-00000", store));

            service.Kill();

            var clock = Stopwatch.StartNew();
            var get = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("iris/1/metadata/part-00000"));
            var put = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("iris/aliases.json", Bytes("{}")));
            var list = await Assert.ThrowsAsync<ObjectStoreException>(() => store.ListPageAsync("iris/"));
            Assert.True(clock.Elapsed < OutageBound * 3, $"took {clock.Elapsed}");
            Assert.All(new[] { get, put, list }, e => Assert.Equal(ObjectStoreErrorKind.Unavailable, e.Kind));
        }
    }
}
