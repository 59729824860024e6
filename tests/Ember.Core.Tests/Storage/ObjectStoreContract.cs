using System.Security.Cryptography;
using System.Text;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IObjectStore"/> promises, run once per store (file, Azurite
/// Blob, moto S3). Each test gets a fresh, empty store root.
/// </summary>
public abstract partial class ObjectStoreContract : IAsyncLifetime
{
    /// <summary>Fast retries so outage tests stay short; small blob blocks so uploads span parts.</summary>
    protected static readonly StoreOptions TestOptions = new()
    {
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        UploadPartBytes = 256 * 1024,
    };

    private IObjectStore? _store;

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("not initialized");

    /// <summary>A new store over an empty root, reachable only by this test.</summary>
    protected abstract Task<IObjectStore> NewStoreAsync();

    /// <summary>Another store object over the same root as <see cref="Store"/> (a second client/process).</summary>
    protected abstract IObjectStore OpenSameRoot();

    public virtual async Task InitializeAsync() => _store = await NewStoreAsync();

    public virtual Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static async Task<byte[]> ReadAllAsync(ObjectReadResult read)
    {
        using var buffer = new MemoryStream();
        await read.Content.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    protected async Task<byte[]?> GetBytesAsync(string key, IObjectStore? store = null)
    {
        await using ObjectReadResult read = await (store ?? Store).GetAsync(key);
        return read.Status == ObjectReadStatus.Found ? await ReadAllAsync(read) : null;
    }

    protected async Task<List<string>> KeysAsync(string prefix, bool delimited = false)
    {
        var keys = new List<string>();
        await foreach (ObjectEntry entry in Store.ListAllAsync(prefix, delimited)) keys.Add(entry.Key);
        return keys;
    }

    [Fact]
    public async Task Put_ThenGet_ReturnsSameBytesLengthAndETag()
    {
        ObjectWriteResult put = await Store.PutAsync("iris/3/model/metadata/part-00000", Bytes("{\"class\":\"x\"}"));
        Assert.True(put.Succeeded);

        await using ObjectReadResult read = await Store.GetAsync("iris/3/model/metadata/part-00000");
        Assert.Equal(ObjectReadStatus.Found, read.Status);
        Assert.Equal(13, read.Length);
        Assert.False(string.IsNullOrEmpty(read.ETag));
        if (put.ETag is not null) Assert.Equal(put.ETag, read.ETag);
        Assert.Equal("{\"class\":\"x\"}", Encoding.UTF8.GetString(await ReadAllAsync(read)));
    }

    [Fact]
    public async Task Put_EmptyObject_ReadsBackEmpty()
    {
        Assert.True((await Store.PutAsync("empty/_SUCCESS", ReadOnlyMemory<byte>.Empty)).Succeeded);
        byte[]? empty = await GetBytesAsync("empty/_SUCCESS");
        Assert.NotNull(empty);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Get_MissingKey_IsNotFound()
    {
        await using ObjectReadResult read = await Store.GetAsync("nope/missing.json");
        Assert.Equal(ObjectReadStatus.NotFound, read.Status);
        Assert.Throws<InvalidOperationException>(() => read.Content);
    }

    [Fact]
    public async Task Get_WithCurrentETag_IsNotModified_AndWithStaleETag_ReturnsNewContent()
    {
        await Store.PutAsync("a/b.json", Bytes("one"));
        string first;
        await using (ObjectReadResult read = await Store.GetAsync("a/b.json")) first = read.ETag!;

        await using (ObjectReadResult again = await Store.GetAsync("a/b.json", ifNoneMatch: first))
        {
            Assert.Equal(ObjectReadStatus.NotModified, again.Status);
            Assert.Equal(first, again.ETag);
        }

        await Store.PutAsync("a/b.json", Bytes("two"));
        await using ObjectReadResult changed = await Store.GetAsync("a/b.json", ifNoneMatch: first);
        Assert.Equal(ObjectReadStatus.Found, changed.Status);
        Assert.NotEqual(first, changed.ETag);
        Assert.Equal("two", Encoding.UTF8.GetString(await ReadAllAsync(changed)));
    }

    [Fact]
    public async Task List_Recursive_ReturnsEveryKeyUnderPrefixInOrdinalOrder()
    {
        foreach (string key in new[] { "m/2/b", "m/10/a", "m/1/x/y", "mm/1/z", "other/q" })
            await Store.PutAsync(key, Bytes(key));

        Assert.Equal(["m/1/x/y", "m/10/a", "m/2/b"], await KeysAsync("m/"));
        Assert.Equal(["m/1/x/y", "m/10/a", "m/2/b", "mm/1/z"], await KeysAsync("m"));
        Assert.Empty(await KeysAsync("absent/"));
    }

    [Fact]
    public async Task List_Delimited_ReturnsDirectoriesAndFilesOnce()
    {
        foreach (string key in new[] { "iris/1/metadata/part-00000", "iris/1/data/x.parquet", "iris/2/metadata/part-00000", "iris/aliases.json" })
            await Store.PutAsync(key, Bytes(key));

        var entries = new List<ObjectEntry>();
        await foreach (ObjectEntry e in Store.ListAllAsync("iris/", delimited: true)) entries.Add(e);
        Assert.Equal(["iris/1/", "iris/2/", "iris/aliases.json"], entries.Select(e => e.Key));
        Assert.Equal([true, true, false], entries.Select(e => e.IsPrefix));
        Assert.Equal(Bytes("iris/aliases.json").Length, entries[2].Length);
    }

    [Fact]
    public async Task List_MoreKeysThanOnePage_FollowsContinuationTokens()
    {
        var expected = Enumerable.Range(0, 7).Select(i => $"p/k{i:D2}").ToList();
        foreach (string key in expected) await Store.PutAsync(key, Bytes(key));

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            ObjectListPage page = await Store.ListPageAsync("p/", new ListOptions(PageSize: 3, ContinuationToken: token));
            Assert.InRange(page.Entries.Count, 1, 3);
            seen.AddRange(page.Entries.Select(e => e.Key));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Put_CreateOnly_OnExistingKey_IsPreconditionFailedAndKeepsContent()
    {
        Assert.True((await Store.PutAsync("c/aliases.json", Bytes("first"), WriteCondition.CreateOnly)).Succeeded);
        ObjectWriteResult second = await Store.PutAsync("c/aliases.json", Bytes("second"), WriteCondition.CreateOnly);
        Assert.Equal(ObjectWriteStatus.PreconditionFailed, second.Status);
        Assert.Equal("first", Encoding.UTF8.GetString((await GetBytesAsync("c/aliases.json"))!));
    }

    [Fact]
    public async Task Put_IfMatch_StaleETagFails_CurrentETagSucceeds()
    {
        await Store.PutAsync("c/a.json", Bytes("v1"));
        string v1 = (await Store.ReadAllBytesAsync("c/a.json"))!.Value.ETag;
        await Store.PutAsync("c/a.json", Bytes("v2"));
        string v2 = (await Store.ReadAllBytesAsync("c/a.json"))!.Value.ETag;

        Assert.Equal(ObjectWriteStatus.PreconditionFailed, (await Store.PutAsync("c/a.json", Bytes("lost"), WriteCondition.ReplaceOnly(v1))).Status);
        Assert.True((await Store.PutAsync("c/a.json", Bytes("v3"), WriteCondition.ReplaceOnly(v2))).Succeeded);
        Assert.Equal("v3", Encoding.UTF8.GetString((await GetBytesAsync("c/a.json"))!));
    }

    [Fact]
    public async Task Put_IfMatch_OnMissingKey_IsPreconditionFailed()
    {
        ObjectWriteResult result = await Store.PutAsync("c/none.json", Bytes("x"), WriteCondition.ReplaceOnly("\"0x8D000000\""));
        Assert.Equal(ObjectWriteStatus.PreconditionFailed, result.Status);
        Assert.Null(await GetBytesAsync("c/none.json"));
    }

    [Fact]
    public async Task Delete_ExistingThenMissing_ReportsWhetherSomethingWasDeleted()
    {
        await Store.PutAsync("d/x", Bytes("x"));
        Assert.True(await Store.DeleteAsync("d/x"));
        Assert.False(await Store.DeleteAsync("d/x"));
        Assert.Null(await GetBytesAsync("d/x"));
        Assert.Empty(await KeysAsync("d/"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("/abs")]
    [InlineData("trailing/")]
    [InlineData("back\\slash")]
    public async Task InvalidKey_IsRejectedWithInvalidKeyError(string key)
    {
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.PutAsync(key, Bytes("x")));
        Assert.Equal(ObjectStoreErrorKind.InvalidKey, error.Kind);
    }

    [Fact]
    public async Task ConcurrentReaders_WhileAWriterReplacesTheObject_EachSeeOneWholeVersion()
    {
        byte[] a = RandomBytes(300_000, 1), b = RandomBytes(300_000, 2);
        await Store.PutAsync("big/model.bin", a);
        string hashA = Convert.ToHexString(SHA256.HashData(a)), hashB = Convert.ToHexString(SHA256.HashData(b));

        using IObjectStore other = OpenSameRoot();
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; i < 4; i++)
                await other.PutAsync("big/model.bin", i % 2 == 0 ? b : a);
        });
        var readers = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            byte[] got = (await GetBytesAsync("big/model.bin"))!;
            return Convert.ToHexString(SHA256.HashData(got));
        })).ToList();
        await writer;
        foreach (string hash in await Task.WhenAll(readers))
            Assert.True(hash == hashA || hash == hashB, "a reader saw a mix of two versions");
    }
}
