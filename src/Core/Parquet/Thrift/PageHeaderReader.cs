namespace Ember.Parquet.Thrift;

/// <summary>Decodes a <c>PageHeader</c>; returns the header and how many bytes it took.</summary>
internal static class PageHeaderReader
{
    public static PageHeader Read(ReadOnlySpan<byte> bytes, out int headerLength)
    {
        var r = new ThriftCompactReader(bytes);
        var h = new PageHeader();
        bool hasType = false, hasSizes = false;
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: h.Type = (PageType)r.ReadI32(); hasType = true; break;
                case 2 when t == ThriftType.I32: h.UncompressedPageSize = r.ReadI32(); break;
                case 3 when t == ThriftType.I32: h.CompressedPageSize = r.ReadI32(); hasSizes = true; break;
                case 4 when t == ThriftType.I32: h.Crc = r.ReadI32(); break;
                case 5 when t == ThriftType.Struct: h.DataPage = ReadDataPage(ref r); break;
                case 7 when t == ThriftType.Struct: h.DictionaryPage = ReadDictionaryPage(ref r); break;
                case 8 when t == ThriftType.Struct: h.DataPageV2 = ReadDataPageV2(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        if (!hasType || !hasSizes)
            ParquetThrow.Data("page header lacks its type or sizes");
        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0)
            ParquetThrow.Data($"page header declares negative sizes ({h.CompressedPageSize} compressed, {h.UncompressedPageSize} uncompressed)");
        headerLength = r.Position;
        return h;
    }

    private static DataPageHeader ReadDataPage(ref ThriftCompactReader r)
    {
        var d = new DataPageHeader();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: d.NumValues = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: d.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when t == ThriftType.I32: d.DefinitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                case 4 when t == ThriftType.I32: d.RepetitionLevelEncoding = (ParquetEncoding)r.ReadI32(); break;
                default: r.Skip(t); break; // page statistics are not needed to decode
            }
        }
        r.EndStruct(saved);
        return d;
    }

    private static DictionaryPageHeader ReadDictionaryPage(ref ThriftCompactReader r)
    {
        var d = new DictionaryPageHeader();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: d.NumValues = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: d.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 3 when t is ThriftType.BoolTrue or ThriftType.BoolFalse: d.IsSorted = r.ReadBool(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return d;
    }

    private static DataPageHeaderV2 ReadDataPageV2(ref ThriftCompactReader r)
    {
        var d = new DataPageHeaderV2();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: d.NumValues = r.ReadI32(); break;
                case 2 when t == ThriftType.I32: d.NumNulls = r.ReadI32(); break;
                case 3 when t == ThriftType.I32: d.NumRows = r.ReadI32(); break;
                case 4 when t == ThriftType.I32: d.Encoding = (ParquetEncoding)r.ReadI32(); break;
                case 5 when t == ThriftType.I32: d.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6 when t == ThriftType.I32: d.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7 when t is ThriftType.BoolTrue or ThriftType.BoolFalse: d.IsCompressed = r.ReadBool(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return d;
    }
}
