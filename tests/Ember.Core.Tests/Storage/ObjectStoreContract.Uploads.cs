using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

public abstract partial class ObjectStoreContract
{
    /// <summary>More than one S3 part (5 MiB minimum) and many 256 KiB blob blocks.</summary>
    private const int LargeObjectBytes = 5 * 1024 * 1024 + 700_000;

    [Fact]
    public async Task Upload_NothingVisibleBeforeComplete_ThenWholeObject()
    {
        byte[] content = RandomBytes(LargeObjectBytes, 7);
        await using IObjectUpload upload = await Store.StartUploadAsync("out/job-1/result.parquet");
        for (int offset = 0; offset < content.Length; offset += 300_000)
        {
            await upload.WritePartAsync(content.AsMemory(offset, Math.Min(300_000, content.Length - offset)));
            if (offset == 0 || offset > 5_500_000)
            {
                Assert.Null(await GetBytesAsync("out/job-1/result.parquet"));
                Assert.Empty(await KeysAsync("out/"));
            }
        }
        Assert.Null(await GetBytesAsync("out/job-1/result.parquet"));

        ObjectWriteResult done = await upload.CompleteAsync();
        Assert.True(done.Succeeded);
        Assert.Equal(content, await GetBytesAsync("out/job-1/result.parquet"));
        Assert.Equal(["out/job-1/result.parquet"], await KeysAsync("out/"));
    }

    [Fact]
    public async Task Upload_SmallerThanOnePart_IsCommittedWhole()
    {
        await using IObjectUpload upload = await Store.StartUploadAsync("out/small.jsonl");
        await upload.WritePartAsync(Bytes("{\"a\":1}\n"));
        await upload.WritePartAsync(Bytes("{\"a\":2}\n"));
        Assert.Null(await GetBytesAsync("out/small.jsonl"));
        Assert.True((await upload.CompleteAsync()).Succeeded);
        Assert.Equal(Bytes("{\"a\":1}\n{\"a\":2}\n"), await GetBytesAsync("out/small.jsonl"));
    }

    [Fact]
    public async Task Upload_Aborted_LeavesNothing()
    {
        await using (IObjectUpload upload = await Store.StartUploadAsync("out/aborted.bin"))
        {
            await upload.WritePartAsync(RandomBytes(LargeObjectBytes, 3));
            await upload.AbortAsync();
        }
        Assert.Null(await GetBytesAsync("out/aborted.bin"));
        Assert.Empty(await KeysAsync(""));
    }

    [Fact]
    public async Task Upload_DisposedWithoutComplete_LeavesNothing()
    {
        await using (IObjectUpload upload = await Store.StartUploadAsync("out/forgotten.bin"))
            await upload.WritePartAsync(RandomBytes(400_000, 4));
        Assert.Null(await GetBytesAsync("out/forgotten.bin"));
        Assert.Empty(await KeysAsync(""));
    }

    [Fact]
    public async Task Upload_CompleteCreateOnly_OnExistingKey_IsPreconditionFailedAndKeepsOldObject()
    {
        await Store.PutAsync("out/once.csv", Bytes("old"));
        await using IObjectUpload upload = await Store.StartUploadAsync("out/once.csv");
        await upload.WritePartAsync(Bytes("new"));
        ObjectWriteResult result = await upload.CompleteAsync(WriteCondition.CreateOnly);
        Assert.Equal(ObjectWriteStatus.PreconditionFailed, result.Status);
        Assert.Equal(Bytes("old"), await GetBytesAsync("out/once.csv"));
    }

    [Fact]
    public async Task UploadAsync_FromStream_RoundTrips()
    {
        byte[] content = RandomBytes(1_000_000, 9);
        ObjectWriteResult result = await Store.UploadAsync("u/stream.bin", new MemoryStream(content));
        Assert.True(result.Succeeded);
        Assert.Equal(content, await GetBytesAsync("u/stream.bin"));
    }
}
