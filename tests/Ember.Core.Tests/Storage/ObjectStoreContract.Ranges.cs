using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>Ranged reads: exactly the bytes asked for, the object's length and ETag, one version under If-Match.</summary>
public abstract partial class ObjectStoreContract
{
    protected static async Task<byte[]> ReadAllAsync(ObjectRangeResult read)
    {
        using var buffer = new MemoryStream();
        await read.Content.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task GetRange_MiddleRange_ReturnsExactlyThoseBytes_TheObjectLengthAndTheETag()
    {
        byte[] content = RandomBytes(300_000, 21);
        await Store.PutAsync("r/data.parquet", content);
        string eTag;
        await using (ObjectReadResult whole = await Store.GetAsync("r/data.parquet")) eTag = whole.ETag!;

        await using ObjectRangeResult range = await Store.GetRangeAsync("r/data.parquet", 123_457, 70_001);

        Assert.Equal(ObjectRangeStatus.Found, range.Status);
        Assert.Equal(123_457, range.Offset);
        Assert.Equal(70_001, range.Length);
        Assert.Equal(300_000, range.ObjectLength);
        Assert.Equal(eTag, range.ETag);
        Assert.Equal(content.AsSpan(123_457, 70_001).ToArray(), await ReadAllAsync(range));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(300_000)]
    public async Task GetRange_LastBytes_EndExactlyAtTheEndOfTheObject(int count)
    {
        byte[] content = RandomBytes(300_000, 22);
        await Store.PutAsync("r/tail.bin", content);

        await using ObjectRangeResult range = await Store.GetRangeAsync("r/tail.bin", content.Length - count, count);

        Assert.Equal(ObjectRangeStatus.Found, range.Status);
        Assert.Equal(content.Length, range.ObjectLength);
        Assert.Equal(content.AsSpan(content.Length - count).ToArray(), await ReadAllAsync(range));
    }

    [Theory]
    [InlineData(990, 11)]     // starts inside, ends one byte past the end
    [InlineData(1000, 1)]     // starts at the end
    [InlineData(5000, 100)]   // starts well past the end
    public async Task GetRange_PastTheEnd_IsRangeNotSatisfiable_NamingStoreKeyAndRange(long offset, long length)
    {
        await Store.PutAsync("r/short.bin", RandomBytes(1000, 23));

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.GetRangeAsync("r/short.bin", offset, length));

        Assert.True(error.Kind == ObjectStoreErrorKind.RangeNotSatisfiable, error.Message);
        Assert.Contains(Store.Location, error.Message, StringComparison.Ordinal);
        Assert.Contains("'r/short.bin'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"bytes {offset}-{offset + length - 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRange_IfMatchTheCurrentETag_ReturnsTheRange()
    {
        byte[] content = RandomBytes(50_000, 24);
        await Store.PutAsync("r/v.bin", content);
        await using ObjectRangeResult first = await Store.GetRangeAsync("r/v.bin", 49_992, 8);
        Assert.Equal(ObjectRangeStatus.Found, first.Status);

        await using ObjectRangeResult second = await Store.GetRangeAsync("r/v.bin", 4, 10_000, ifMatch: first.ETag);

        Assert.Equal(ObjectRangeStatus.Found, second.Status);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(content.AsSpan(4, 10_000).ToArray(), await ReadAllAsync(second));
    }

    [Fact]
    public async Task GetRange_IfMatchAfterTheObjectChanged_IsChanged_WithNoBytesOfTheNewVersion()
    {
        await Store.PutAsync("r/v.bin", RandomBytes(50_000, 25));
        string old;
        await using (ObjectRangeResult first = await Store.GetRangeAsync("r/v.bin", 0, 4)) old = first.ETag!;
        await Store.PutAsync("r/v.bin", RandomBytes(50_000, 26)); // same length, other bytes

        await using ObjectRangeResult again = await Store.GetRangeAsync("r/v.bin", 100, 1000, ifMatch: old);

        Assert.Equal(ObjectRangeStatus.Changed, again.Status);
        Assert.Null(again.ETag);
        Assert.Throws<InvalidOperationException>(() => again.Content);
    }

    [Fact]
    public async Task GetRange_MissingKey_IsNotFound()
    {
        await using ObjectRangeResult read = await Store.GetRangeAsync("r/none.bin", 0, 4);
        Assert.Equal(ObjectRangeStatus.NotFound, read.Status);
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(0, 0)]
    public async Task GetRange_NegativeOffsetOrEmptyRange_IsACallerBug(long offset, long length)
    {
        await Store.PutAsync("r/x.bin", RandomBytes(10, 27));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetRangeAsync("r/x.bin", offset, length));
    }
}
