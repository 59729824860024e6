using System.Buffers;
using System.Runtime.CompilerServices;

namespace Ember.Storage;

/// <summary>Conveniences every caller needs, written once over the <see cref="IObjectStore"/> primitives.</summary>
public static class ObjectStoreExtensions
{
    /// <summary>Every entry under <paramref name="prefix"/>, following continuation tokens page by page.</summary>
    public static async IAsyncEnumerable<ObjectEntry> ListAllAsync(this IObjectStore store, string prefix,
        bool delimited = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            ObjectListPage page = await store.ListPageAsync(prefix, new ListOptions(delimited, 0, token), cancellationToken).ConfigureAwait(false);
            foreach (ObjectEntry entry in page.Entries)
                yield return entry;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>True when at least one object has a key starting with <paramref name="prefix"/>.</summary>
    public static async Task<bool> AnyAsync(this IObjectStore store, string prefix, CancellationToken cancellationToken = default)
    {
        ObjectListPage page = await store.ListPageAsync(prefix, new ListOptions(false, 1), cancellationToken).ConfigureAwait(false);
        return page.Entries.Count > 0;
    }

    /// <summary>
    /// A small object read whole, or null when missing. <paramref name="maxBytes"/> guards against
    /// an unexpectedly huge object (a misplaced file) being read into memory.
    /// </summary>
    public static async Task<(byte[] Content, string ETag)?> ReadAllBytesAsync(this IObjectStore store, string key,
        int maxBytes = 16 * 1024 * 1024, CancellationToken cancellationToken = default)
    {
        await using ObjectReadResult read = await store.GetAsync(key, null, cancellationToken).ConfigureAwait(false);
        if (read.Status != ObjectReadStatus.Found) return null;
        if (read.Length > maxBytes)
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, store.Location, key,
                $"the object is {read.Length} bytes, more than the {maxBytes} allowed for this read");
        var content = new byte[read.Length];
        await read.Content.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        // Read to the end so the verifying stream checks length and MD5.
        if (await read.Content.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) != 0)
            throw new ObjectStoreException(ObjectStoreErrorKind.Corrupt, store.Location, key, "the body is longer than announced");
        return (content, read.ETag!);
    }

    /// <summary>Streams <paramref name="source"/> into a commit-last upload; aborts on any failure.</summary>
    public static async Task<ObjectWriteResult> UploadAsync(this IObjectStore store, string key, Stream source,
        WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        await using IObjectUpload upload = await store.StartUploadAsync(key, cancellationToken).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                await upload.WritePartAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            return await upload.CompleteAsync(condition, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
