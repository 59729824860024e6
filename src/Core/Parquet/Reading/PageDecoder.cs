using System.Buffers;
using System.Buffers.Binary;
using Ember.Parquet.Compression;
using Ember.Parquet.Encodings;
using Ember.Parquet.Thrift;

namespace Ember.Parquet.Reading;

/// <summary>
/// Decodes the pages of one column chunk into a <see cref="LeafColumn"/>: dictionary pages, data
/// pages v1 (levels inside the compressed body, length-prefixed) and v2 (levels uncompressed in front).
/// </summary>
internal sealed class PageDecoder(LeafColumn column, ParquetCompression codec) : IDisposable
{
    private byte[] _page = [];
    private int[] _scratch = [];
    private ColumnValues? _dictionary;

    public void Decode(PageHeader header, ReadOnlySpan<byte> body, long rowGroupRows, long chunkValues)
    {
        switch (header.Type)
        {
            case PageType.DictionaryPage:
                DecodeDictionary(header, body);
                break;
            case PageType.DataPage:
                {
                    var h = header.DataPage ?? ParquetThrow.Data<DataPageHeader>("a DATA_PAGE lacks its data_page_header");
                    int entries = CheckEntries(h.NumValues, rowGroupRows, chunkValues);
                    var page = Decompress(body, header.UncompressedPageSize);
                    int pos = 0;
                    column.Reserve(entries);
                    if (column.MaxRep > 0)
                        pos += DecodeLevelsV1(page.Slice(pos), h.RepetitionLevelEncoding, column.MaxRep, column.Rep.AsSpan(column.EntryCount, entries));
                    if (column.MaxDef > 0)
                        pos += DecodeLevelsV1(page.Slice(pos), h.DefinitionLevelEncoding, column.MaxDef, column.Def.AsSpan(column.EntryCount, entries));
                    FinishPage(page.Slice(pos), h.Encoding, entries);
                    break;
                }
            case PageType.DataPageV2:
                {
                    var h = header.DataPageV2 ?? ParquetThrow.Data<DataPageHeaderV2>("a DATA_PAGE_V2 lacks its data_page_header_v2");
                    int entries = CheckEntries(h.NumValues, rowGroupRows, chunkValues);
                    long levelBytes = (long)h.RepetitionLevelsByteLength + h.DefinitionLevelsByteLength;
                    if (h.RepetitionLevelsByteLength < 0 || h.DefinitionLevelsByteLength < 0 || levelBytes > body.Length || levelBytes > header.UncompressedPageSize)
                        ParquetThrow.Data($"DATA_PAGE_V2 level lengths ({h.RepetitionLevelsByteLength} + {h.DefinitionLevelsByteLength}) exceed the page ({body.Length} bytes)");
                    column.Reserve(entries);
                    var reps = body.Slice(0, h.RepetitionLevelsByteLength);
                    var defs = body.Slice(h.RepetitionLevelsByteLength, h.DefinitionLevelsByteLength);
                    if (column.MaxRep > 0)
                        DecodeLevels(reps, column.MaxRep, column.Rep.AsSpan(column.EntryCount, entries));
                    if (column.MaxDef > 0)
                        DecodeLevels(defs, column.MaxDef, column.Def.AsSpan(column.EntryCount, entries));
                    var rest = body.Slice((int)levelBytes);
                    int valuesSize = header.UncompressedPageSize - (int)levelBytes;
                    // A v2 page whose values are all null may store zero bytes even under a codec: nothing to inflate.
                    ReadOnlySpan<byte> values = !h.IsCompressed || codec == ParquetCompression.Uncompressed || rest.Length == 0 && valuesSize == 0
                        ? rest
                        : Decompress(rest, valuesSize);
                    FinishPage(values, h.Encoding, entries);
                    break;
                }
            default:
                break; // index pages and unknown page types carry nothing to decode
        }
    }

    private int CheckEntries(int numValues, long rowGroupRows, long chunkValues)
    {
        long remaining = chunkValues - column.EntryCount;
        if (numValues < 0 || numValues > remaining)
            ParquetThrow.Data($"the data page declares {numValues} values but only {remaining} of the chunk's {chunkValues} remain");
        return numValues;
    }

    private void FinishPage(ReadOnlySpan<byte> data, ParquetEncoding encoding, int entries)
    {
        int nonNull = entries;
        if (column.MaxDef > 0)
        {
            nonNull = 0;
            int max = column.MaxDef;
            foreach (int d in column.Def.AsSpan(column.EntryCount, entries))
                if (d == max) nonNull++;
        }
        if (column.MaxRep > 0 && column.EntryCount == 0 && entries > 0 && column.Rep[0] != 0)
            ParquetThrow.Data("the first value of the column chunk does not start a record (repetition level is not 0)");
        DecodeValues(data, encoding, nonNull);
        column.EntryCount += entries;
    }

    private void DecodeValues(ReadOnlySpan<byte> data, ParquetEncoding encoding, int count)
    {
        var values = column.Values;
        if (count == 0)
            return;
        if (encoding is not (ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary))
            column.AllDictionaryEncoded = false;
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                PlainDecoder.Decode(data, count, values);
                break;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                {
                    var dict = _dictionary ?? ParquetThrow.Data<ColumnValues>("a dictionary-encoded page comes without a dictionary page");
                    if (data.Length < 1)
                        ParquetThrow.Data("a dictionary-encoded page has no bit width");
                    var indices = Scratch(count);
                    new RleBitPackedHybridDecoder(data.Slice(1), data[0]).ReadExactly(indices);
                    values.AppendFrom(dict, indices);
                    if (values.Type == ParquetPhysicalType.ByteArray)
                        column.AddDictionaryIndices(dict, indices);
                    break;
                }
            case ParquetEncoding.Rle when values.Type == ParquetPhysicalType.Boolean:
                {
                    if (data.Length < 4)
                        ParquetThrow.Data("RLE boolean data lacks its length prefix");
                    int len = BinaryPrimitives.ReadInt32LittleEndian(data);
                    if (len < 0 || len > data.Length - 4)
                        ParquetThrow.Data($"RLE boolean data declares {len} bytes but {data.Length - 4} remain");
                    var bits = Scratch(count);
                    new RleBitPackedHybridDecoder(data.Slice(4, len), 1).ReadExactly(bits);
                    var dest = values.AppendBools(count);
                    for (int i = 0; i < count; i++)
                        dest[i] = bits[i] != 0;
                    break;
                }
            case ParquetEncoding.DeltaBinaryPacked when values.Type is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64:
                {
                    long[] buffer = ArrayPool<long>.Shared.Rent(count);
                    try
                    {
                        var longs = buffer.AsSpan(0, count);
                        DeltaBinaryPackedDecoder.Decode(data, longs);
                        if (values.Type == ParquetPhysicalType.Int64)
                        {
                            longs.CopyTo(values.AppendLongs(count));
                        }
                        else
                        {
                            var ints = values.AppendInts(count);
                            for (int i = 0; i < count; i++)
                                ints[i] = unchecked((int)longs[i]);
                        }
                    }
                    finally
                    {
                        ArrayPool<long>.Shared.Return(buffer);
                    }
                    break;
                }
            case ParquetEncoding.DeltaLengthByteArray when values.Type == ParquetPhysicalType.ByteArray:
                DeltaByteArrayDecoder.DecodeDeltaLength(data, count, values);
                break;
            case ParquetEncoding.DeltaByteArray when values.Type is ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray:
                DeltaByteArrayDecoder.DecodeDeltaByteArray(data, count, values);
                break;
            case ParquetEncoding.ByteStreamSplit:
                ByteStreamSplitDecoder.Decode(data, count, values);
                break;
            default:
                ParquetThrow.Data($"encoding {encoding} is not supported for {values.Type} values");
                break;
        }
    }

    private void DecodeDictionary(PageHeader header, ReadOnlySpan<byte> body)
    {
        var h = header.DictionaryPage ?? ParquetThrow.Data<DictionaryPageHeader>("a DICTIONARY_PAGE lacks its dictionary_page_header");
        if (_dictionary is not null)
            ParquetThrow.Data("the column chunk has a second dictionary page");
        if (h.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
            ParquetThrow.Data($"the dictionary page uses encoding {h.Encoding}; only PLAIN dictionaries exist");
        if (h.NumValues < 0)
            ParquetThrow.Data($"the dictionary page declares {h.NumValues} values");
        var page = Decompress(body, header.UncompressedPageSize);
        var dict = new ColumnValues(column.Values.Type, column.Values.FixedWidth);
        PlainDecoder.Decode(page, h.NumValues, dict);
        _dictionary = dict;
    }

    private static int DecodeLevelsV1(ReadOnlySpan<byte> data, ParquetEncoding encoding, int maxLevel, Span<int> dest)
    {
        if (encoding != ParquetEncoding.Rle)
            ParquetThrow.Data($"levels encoded as {encoding} are not supported (only RLE)");
        if (data.Length < 4)
            ParquetThrow.Data("the levels' length prefix is truncated");
        int len = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (len < 0 || len > data.Length - 4)
            ParquetThrow.Data($"the levels declare {len} bytes but the page has {data.Length - 4} left");
        DecodeLevels(data.Slice(4, len), maxLevel, dest);
        return 4 + len;
    }

    private static void DecodeLevels(ReadOnlySpan<byte> data, int maxLevel, Span<int> dest)
    {
        int width = 32 - int.LeadingZeroCount(maxLevel);
        new RleBitPackedHybridDecoder(data, width).ReadExactly(dest);
        foreach (int level in dest)
            if ((uint)level > (uint)maxLevel)
                ParquetThrow.Data($"a level of {level} exceeds the column's maximum of {maxLevel} (bad levels)");
    }

    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> body, int uncompressedSize)
    {
        if (codec == ParquetCompression.Uncompressed)
        {
            if (body.Length != uncompressedSize)
                ParquetThrow.Data($"the uncompressed page holds {body.Length} bytes but declares {uncompressedSize}");
            return body;
        }
        if (_page.Length < uncompressedSize)
        {
            if (_page.Length > 0)
                ArrayPool<byte>.Shared.Return(_page);
            _page = ArrayPool<byte>.Shared.Rent(uncompressedSize);
        }
        var dest = _page.AsSpan(0, uncompressedSize);
        PageCompression.Decompress(codec, body, dest);
        return dest;
    }

    private Span<int> Scratch(int n)
    {
        if (_scratch.Length < n)
        {
            if (_scratch.Length > 0)
                ArrayPool<int>.Shared.Return(_scratch);
            _scratch = ArrayPool<int>.Shared.Rent(n);
        }
        return _scratch.AsSpan(0, n);
    }

    public void Dispose()
    {
        if (_page.Length > 0)
            ArrayPool<byte>.Shared.Return(_page);
        if (_scratch.Length > 0)
            ArrayPool<int>.Shared.Return(_scratch);
        _page = [];
        _scratch = [];
    }
}
