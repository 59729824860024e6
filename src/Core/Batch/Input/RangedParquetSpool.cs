using System.Buffers;
using System.Buffers.Binary;
using Ember.Parquet;
using Ember.Storage;

namespace Ember.Batch.Input;

/// <summary>
/// Opens a Parquet input on a remote store without downloading all of it: its first 4 bytes (the
/// magic, and the object's length and ETag), its tail (the footer), then only the column chunks
/// the source will read (the part's row groups, the needed columns), each written at its own
/// offset into a sparse spool file that the usual <see cref="ParquetFileReader"/> then reads.
/// Every read after the first carries If-Match with the first read's ETag, so the bytes all come
/// from one version of the object or the job fails as retryable.
/// </summary>
internal static class RangedParquetSpool
{
    /// <summary>The first tail read: a footer is ~100 bytes per column chunk, so 64 KiB holds most
    /// footers whole; a larger one costs one more read for the rest.</summary>
    internal const int TailBytes = 64 * 1024;

    /// <summary>Chunks this close together are fetched as one range: a GET's first byte costs tens of
    /// milliseconds, reading 128 KiB more costs about one at the ~100 MB/s of one S3 connection.</summary>
    internal const int MergeGapBytes = 128 * 1024;

    /// <summary>Longer runs are cut so that <see cref="Concurrency"/> connections share them
    /// (one S3 connection tops out near 100 MB/s).</summary>
    internal const int MaxRangeBytes = 8 * 1024 * 1024;

    /// <summary>Ranges in flight at once; each holds one <see cref="CopyBufferBytes"/> buffer, so memory
    /// stays at 4 × 256 KiB whatever the size of a row group.</summary>
    internal const int Concurrency = 4;

    private const int CopyBufferBytes = 256 * 1024;

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <param name="spool">An empty, unbuffered read/write file; the returned source owns it. On failure the caller disposes it.</param>
    public static async Task<(ParquetRowSource Source, string ETag)> OpenAsync(IObjectStore store, ObjectLocation input, SourceOptions options,
        FileStream spool, CancellationToken cancellationToken)
    {
        var fetched = new FetchedRanges();
        var (eTag, length) = await ReadHeadAsync(store, input, spool, cancellationToken).ConfigureAwait(false);
        fetched.Add(0, Magic.Length);
        if (length > Magic.Length)
        {
            long tailStart = Math.Max(Magic.Length, length - TailBytes);
            await FetchAsync(store, input, eTag, tailStart, length - tailStart, spool, cancellationToken).ConfigureAwait(false);
            fetched.Add(tailStart, length - tailStart);
            if (FooterStart(spool, length) is { } footerStart && footerStart < tailStart)
            {
                await FetchAsync(store, input, eTag, footerStart, tailStart - footerStart, spool, cancellationToken).ConfigureAwait(false);
                fetched.Add(footerStart, tailStart - footerStart);
            }
        }

        // The reader's own footer checks (magic, footer length, metadata) report a damaged input.
        var reader = ParquetFileReader.Open(new FetchedRangesStream(spool, fetched, input.Display), input.Display);
        ParquetRowSource source;
        try
        {
            source = new ParquetRowSource(reader, options, input.Display, spool);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        try
        {
            var plan = Plan(source.ChunkExtents(), fetched);
            await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                (range, ct) => new ValueTask(FetchAsync(store, input, eTag, range.Offset, range.Length, spool, ct))).ConfigureAwait(false);
            foreach (var (offset, count) in plan)
                fetched.Add(offset, count);
        }
        catch
        {
            source.Dispose();
            throw;
        }
        return (source, eTag);
    }

    /// <summary>
    /// The ranges to download for these chunk extents: merged across small gaps, less what is
    /// already in the file (a small file's chunks arrive with its tail), cut to at most
    /// <see cref="MaxRangeBytes"/>.
    /// </summary>
    internal static List<(long Offset, long Length)> Plan(IReadOnlyList<(long Offset, long Length)> extents, FetchedRanges fetched)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var (offset, length) in extents.OrderBy(e => e.Offset))
        {
            long end = offset + length;
            if (merged.Count > 0 && offset - merged[^1].End <= MergeGapBytes)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            else
                merged.Add((offset, end));
        }
        var plan = new List<(long Offset, long Length)>();
        foreach (var (start, end) in merged)
            foreach (var (offset, length) in fetched.Missing(start, end - start))
                for (long at = offset; at < offset + length; at += MaxRangeBytes)
                    plan.Add((at, Math.Min(MaxRangeBytes, offset + length - at)));
        return plan;
    }

    /// <summary>The first 4 bytes: they give the object's length and the ETag every later range must match.</summary>
    private static async Task<(string ETag, long Length)> ReadHeadAsync(IObjectStore store, ObjectLocation input, FileStream spool, CancellationToken cancellationToken)
    {
        ObjectRangeResult head;
        try
        {
            head = await store.GetRangeAsync(input.Key, 0, Magic.Length, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex) when (ex.Kind == ObjectStoreErrorKind.RangeNotSatisfiable)
        {
            throw new ParquetException(input.Display, null, "the file has fewer than 4 bytes, too few for a Parquet file (not Parquet, or truncated)", ex);
        }
        await using (head.ConfigureAwait(false))
        {
            if (head.Status != ObjectRangeStatus.Found)
                throw new BatchJobException($"the input {input.Display} does not exist", retryable: false);
            spool.SetLength(head.ObjectLength);
            await CopyAsync(head, spool, cancellationToken).ConfigureAwait(false);
            return (head.ETag!, head.ObjectLength);
        }
    }

    /// <summary>
    /// Where the footer starts, from the last 8 bytes (footer length, magic), when they are
    /// plausible; null otherwise, and the reader's footer check names the problem.
    /// </summary>
    private static long? FooterStart(FileStream spool, long length)
    {
        if (length < 12)
            return null;
        Span<byte> tail = stackalloc byte[8];
        RandomAccess.Read(spool.SafeFileHandle, tail, length - 8);
        if (!tail[4..].SequenceEqual(Magic))
            return null;
        uint footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength > length - 12 || footerLength > Parquet.Reading.ReadLimits.MaxFooterBytes)
            return null;
        return length - 8 - footerLength;
    }

    private static async Task FetchAsync(IObjectStore store, ObjectLocation input, string eTag, long offset, long length, FileStream spool, CancellationToken cancellationToken)
    {
        await using ObjectRangeResult range = await store.GetRangeAsync(input.Key, offset, length, eTag, cancellationToken).ConfigureAwait(false);
        if (range.Status != ObjectRangeStatus.Found)
            throw new BatchJobException($"the input {input.Display} {(range.Status == ObjectRangeStatus.NotFound ? "was deleted" : "changed")} while it was being read "
                + $"(it is no longer the version with ETag {eTag}); nothing was scored from it; run the job again to read the new version", retryable: true);
        await CopyAsync(range, spool, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams a range to its own offset in the spool file through one pooled buffer.</summary>
    private static async Task CopyAsync(ObjectRangeResult range, FileStream spool, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            long at = range.Offset;
            int n;
            while ((n = await range.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await RandomAccess.WriteAsync(spool.SafeFileHandle, buffer.AsMemory(0, n), at, cancellationToken).ConfigureAwait(false);
                at += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
