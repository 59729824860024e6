using System.Buffers;
using Ember.Parquet.Compression;
using Ember.Parquet.Thrift;

namespace Ember.Parquet.Reading;

/// <summary>
/// Reads one column chunk: pages one after another, checking each header's sizes against the
/// chunk, verifying CRCs, decompressing and handing the body to <see cref="PageDecoder"/>.
/// Errors name the file offset of the page.
/// </summary>
internal static class ColumnChunkReader
{
    public static LeafColumn Read(FileSource source, RowGroup rowGroup, int leafIndex, SchemaNode leaf)
    {
        if (leafIndex >= rowGroup.Columns.Count)
            ParquetThrow.Data($"the row group has {rowGroup.Columns.Count} column chunks, fewer than the schema's {leafIndex + 1} columns");
        var chunk = rowGroup.Columns[leafIndex];
        if (chunk.IsEncrypted)
            ParquetThrow.Data("the column is encrypted (Parquet modular encryption is not supported)");
        if (chunk.FilePath is { Length: > 0 })
            ParquetThrow.Data($"the column chunk is stored in another file ('{chunk.FilePath}'), which is not supported");
        var meta = chunk.MetaData ?? ParquetThrow.Data<ColumnMetaData>("the column chunk has no metadata");
        if (meta.Type != leaf.PhysicalType)
            ParquetThrow.Data($"the column chunk holds {meta.Type} values but the schema says {leaf.PhysicalType}");
        if (!PageCompression.CanRead(meta.Codec))
            ParquetThrow.Data($"compression codec {PageCompression.Name(meta.Codec)} is not supported");
        if (meta.NumValues < 0 || meta.NumValues > ReadLimits.MaxChunkEntries)
            ParquetThrow.Data($"the column chunk declares {meta.NumValues} values, outside 0..{ReadLimits.MaxChunkEntries}");
        if (leaf.RepLevel == 0 && meta.NumValues != rowGroup.NumRows)
            ParquetThrow.Data($"the column chunk declares {meta.NumValues} values but its row group has {rowGroup.NumRows} rows");

        var (start, length) = Extent(meta);
        if (!InData(start, length, source.DataEnd))
            ParquetThrow.Data($"the column chunk at offset {start} with {length} bytes lies outside the file's data (which ends at offset {source.DataEnd})");
        if (length > int.MaxValue - 64)
            ParquetThrow.Data($"the column chunk has {length} bytes, beyond the 2 GiB one chunk can be read into");

        var column = new LeafColumn(leaf);
        if (leaf.RepLevel == 0)
        {
            // A flat column has exactly one entry per row; size the arrays once, but never beyond
            // what the chunk's bytes could plausibly hold (RLE makes nulls nearly free, hence the margin).
            int entries = (int)Math.Min(meta.NumValues, length * 64 + 1024);
            column.Reserve(entries);
            column.Values.Presize(entries);
        }
        byte[] chunkBytes = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            source.ReadAt(start, chunkBytes.AsSpan(0, (int)length));
            ReadPages(chunkBytes.AsSpan(0, (int)length), start, meta, column, rowGroup.NumRows);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunkBytes);
        }
        return column;
    }

    /// <summary>The bytes of a column chunk as <see cref="Read"/> reads them: from its first page to the end of its last.</summary>
    internal static (long Start, long Length) Extent(ColumnMetaData meta)
    {
        long start = meta.DataPageOffset;
        // Some writers store dictionary_page_offset = 0 when there is none; a dictionary page always precedes the data pages.
        if (meta.DictionaryPageOffset is > 0 and var dpo && dpo < start)
            start = dpo;
        return (start, meta.TotalCompressedSize);
    }

    /// <summary>Whether a chunk lies after the leading magic and before the footer (else reading it is refused unread).</summary>
    internal static bool InData(long start, long length, long dataEnd) =>
        start >= 4 && length >= 0 && start <= dataEnd && length <= dataEnd - start;

    private static void ReadPages(ReadOnlySpan<byte> chunk, long chunkOffset, ColumnMetaData meta, LeafColumn column, long rowGroupRows)
    {
        var decoder = new PageDecoder(column, meta.Codec);
        try
        {
            int pos = 0;
            while (column.EntryCount < meta.NumValues)
            {
                if (pos >= chunk.Length)
                    ParquetThrow.Data($"the column chunk ends after {column.EntryCount} of its {meta.NumValues} values");
                long pageOffset = chunkOffset + pos;
                PageHeader header;
                int headerLength;
                try
                {
                    header = PageHeaderReader.Read(chunk.Slice(pos), out headerLength);
                }
                catch (ParquetDataException ex)
                {
                    throw new ParquetDataException($"the page header at offset {pageOffset} is corrupt: {ex.Message}");
                }
                pos += headerLength;
                if (header.CompressedPageSize > chunk.Length - pos)
                    ParquetThrow.Data($"the page header at offset {pageOffset} declares {header.CompressedPageSize} bytes, beyond the column chunk ({chunk.Length - pos} bytes left)");
                if (header.UncompressedPageSize > ReadLimits.MaxPageBytes)
                    ParquetThrow.Data($"the page at offset {pageOffset} declares {header.UncompressedPageSize} uncompressed bytes, beyond the {ReadLimits.MaxPageBytes >> 20} MiB limit for one page");
                var body = chunk.Slice(pos, header.CompressedPageSize);
                if (header.Crc is { } crc && (uint)crc != Crc32.Compute(body))
                    ParquetThrow.Data($"the page at offset {pageOffset} fails its CRC check (corrupt data)");
                pos += header.CompressedPageSize;
                try
                {
                    decoder.Decode(header, body, rowGroupRows, meta.NumValues);
                }
                catch (ParquetDataException ex)
                {
                    throw new ParquetDataException($"the page at offset {pageOffset}: {ex.Message}");
                }
            }
        }
        finally
        {
            decoder.Dispose();
        }
    }
}
