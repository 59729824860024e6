using System.Buffers;
using System.Buffers.Binary;
using Ember.Parquet.Compression;
using Ember.Parquet.Encodings;
using Ember.Parquet.Reading;
using Ember.Parquet.Thrift;

namespace Ember.Parquet.Writing;

/// <summary>
/// Writes one leaf's entries as a column chunk: an optional dictionary page (PLAIN) and data
/// pages v1 (RLE levels with 4-byte length prefixes, then PLAIN or RLE_DICTIONARY values), each
/// page ending on a row boundary, compressed and optionally check-summed.
/// </summary>
internal sealed class ColumnChunkWriter(Stream output, ParquetWriteOptions options)
{
    /// <summary>Dictionaries beyond this size stop paying for themselves; the column falls back to PLAIN.</summary>
    private const int MaxDictionaryBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> _page = new(1 << 16);
    private readonly ThriftCompactWriter _header = new();

    public ColumnChunk Write(ParquetField field, LeafBuffer leaf, long position)
    {
        var values = leaf.Values;
        long start = position;
        long uncompressedTotal = 0, compressedTotal = 0;
        long? dictionaryOffset = null;
        int[]? indices = null;
        var encodings = new List<int> { (int)ParquetEncoding.Rle };

        ColumnValues? dictionary = null;
        if (options.DictionaryEncodeStrings && values.Type == ParquetPhysicalType.ByteArray && values.Count > 0)
            (dictionary, indices) = BuildDictionary(values);
        if (dictionary is not null)
        {
            _page.Clear();
            PlainEncoder.Encode(dictionary, 0, dictionary.Count, _page);
            dictionaryOffset = position;
            var (u, c) = WritePage(PageType.DictionaryPage, dictionary.Count, _page.WrittenSpan);
            uncompressedTotal += u;
            compressedTotal += c;
            position += c;
            encodings.Add((int)ParquetEncoding.Plain);
            encodings.Add((int)ParquetEncoding.RleDictionary);
        }
        else
        {
            encodings.Add((int)ParquetEncoding.Plain);
        }

        long dataOffset = position;
        int entriesPerPage = EntriesPerPage(values, leaf.EntryCount);
        int entry = 0, value = 0;
        do
        {
            int end = Math.Min(leaf.EntryCount, entry + entriesPerPage);
            while (end < leaf.EntryCount && leaf.MaxRep > 0 && leaf.Rep[end] != 0)
                end++; // a page never splits a row
            int count = end - entry;
            int pageValues = CountValues(leaf, entry, count);
            _page.Clear();
            if (leaf.MaxRep > 0)
                WriteLevels(leaf.Rep.AsSpan(entry, count), leaf.MaxRep);
            if (leaf.MaxDef > 0)
                WriteLevels(leaf.Def.AsSpan(entry, count), leaf.MaxDef);
            if (dictionary is not null)
            {
                int width = Math.Max(1, RleBitPackedHybridEncoder.BitWidth(dictionary.Count - 1));
                _page.GetSpan(1)[0] = (byte)width;
                _page.Advance(1);
                RleBitPackedHybridEncoder.Encode(indices.AsSpan(value, pageValues), width, _page);
            }
            else
            {
                PlainEncoder.Encode(values, value, pageValues, _page);
            }
            var (u, c) = WritePage(PageType.DataPage, count, _page.WrittenSpan, dictionary is not null ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain);
            uncompressedTotal += u;
            compressedTotal += c;
            position += c;
            entry = end;
            value += pageValues;
        }
        while (entry < leaf.EntryCount);

        return new ColumnChunk
        {
            FileOffset = start,
            MetaData = new ColumnMetaData
            {
                Type = values.Type,
                Encodings = encodings,
                PathInSchema = [.. leaf.Node.Path],
                Codec = options.Compression,
                NumValues = leaf.EntryCount,
                TotalUncompressedSize = uncompressedTotal,
                TotalCompressedSize = compressedTotal,
                DataPageOffset = dataOffset,
                DictionaryPageOffset = dictionaryOffset,
                Statistics = StatisticsBuilder.Build(field, values, leaf.EntryCount - values.Count),
            },
        };
    }

    private (long Uncompressed, long Compressed) WritePage(PageType type, int numValues, ReadOnlySpan<byte> body, ParquetEncoding encoding = ParquetEncoding.Plain)
    {
        byte[] compressed = PageCompression.Compress(options.Compression, body);
        var header = new PageHeader
        {
            Type = type,
            UncompressedPageSize = body.Length,
            CompressedPageSize = compressed.Length,
            Crc = options.WritePageChecksums ? unchecked((int)Crc32.Compute(compressed)) : null,
        };
        if (type == PageType.DictionaryPage)
            header.DictionaryPage = new DictionaryPageHeader { NumValues = numValues, Encoding = ParquetEncoding.Plain };
        else
            header.DataPage = new DataPageHeader
            {
                NumValues = numValues,
                Encoding = encoding,
                DefinitionLevelEncoding = ParquetEncoding.Rle,
                RepetitionLevelEncoding = ParquetEncoding.Rle,
            };
        _header.Clear();
        MetadataWriter.WritePageHeader(_header, header);
        output.Write(_header.WrittenSpan);
        output.Write(compressed);
        return (_header.WrittenSpan.Length + body.Length, _header.WrittenSpan.Length + compressed.Length);
    }

    private void WriteLevels(ReadOnlySpan<int> levels, int maxLevel)
    {
        _page.GetSpan(4).Clear();
        _page.Advance(4);
        int before = _page.WrittenCount;
        RleBitPackedHybridEncoder.Encode(levels, RleBitPackedHybridEncoder.BitWidth(maxLevel), _page);
        int length = _page.WrittenCount - before;
        // The buffer may have grown while encoding: patch the length prefix in the written bytes.
        BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(_page.WrittenMemory).Span.Slice(before - 4, 4), length);
    }

    private static int CountValues(LeafBuffer leaf, int from, int count)
    {
        if (leaf.MaxDef == 0)
            return count;
        int n = 0, max = leaf.MaxDef;
        foreach (int d in leaf.Def.AsSpan(from, count))
            if (d == max) n++;
        return n;
    }

    private int EntriesPerPage(ColumnValues values, int entries)
    {
        long bytes = values.Type switch
        {
            ParquetPhysicalType.Boolean => 1,
            ParquetPhysicalType.Int32 or ParquetPhysicalType.Float => 4,
            ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 8,
            ParquetPhysicalType.ByteArray => values.Count == 0 ? 8 : 4 + Math.Max(1, values.ByteLength / values.Count),
            _ => Math.Max(1, values.FixedWidth),
        };
        return (int)Math.Clamp(options.PageSize / bytes, 1, Math.Max(1, entries));
    }

    private static (ColumnValues?, int[]?) BuildDictionary(ColumnValues values)
    {
        var lookup = new Dictionary<ReadOnlyMemory<byte>, int>(ByteMemoryComparer.Instance);
        var dict = new ColumnValues(ParquetPhysicalType.ByteArray, 0);
        var indices = new int[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            var mem = values.Bytes.AsMemory(values.Offsets[i], values.Offsets[i + 1] - values.Offsets[i]);
            if (!lookup.TryGetValue(mem, out int index))
            {
                index = dict.Count;
                dict.AppendBinary(mem.Span);
                if (dict.ByteLength > MaxDictionaryBytes)
                    return (null, null);
                lookup.Add(mem, index);
            }
            indices[i] = index;
        }
        return (dict, indices);
    }

    private sealed class ByteMemoryComparer : IEqualityComparer<ReadOnlyMemory<byte>>
    {
        public static readonly ByteMemoryComparer Instance = new();

        public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<byte> obj)
        {
            var h = new HashCode();
            h.AddBytes(obj.Span);
            return h.ToHashCode();
        }
    }
}
