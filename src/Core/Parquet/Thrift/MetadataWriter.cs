namespace Ember.Parquet.Thrift;

/// <summary>Encodes the footer and page headers with the field ids of parquet.thrift.</summary>
internal static class MetadataWriter
{
    public static void WriteFileMetaData(ThriftCompactWriter w, FileMetaData m)
    {
        w.BeginStruct();
        w.FieldI32(1, m.Version);
        w.FieldList(2, ThriftType.Struct, m.Schema.Count);
        foreach (var e in m.Schema)
            WriteSchemaElement(w, e);
        w.FieldI64(3, m.NumRows);
        w.FieldList(4, ThriftType.Struct, m.RowGroups.Count);
        foreach (var g in m.RowGroups)
            WriteRowGroup(w, g);
        if (m.KeyValueMetadata.Count > 0)
            WriteKeyValues(w, 5, m.KeyValueMetadata);
        if (m.CreatedBy is not null)
            w.FieldString(6, m.CreatedBy);
        if (m.ColumnOrderCount > 0)
        {
            // Every leaf uses TypeDefinedOrder, which says how min_value/max_value compare.
            w.FieldList(7, ThriftType.Struct, m.ColumnOrderCount);
            for (int i = 0; i < m.ColumnOrderCount; i++)
            {
                w.BeginStruct();
                w.FieldStruct(1);
                w.BeginStruct();
                w.EndStruct();
                w.EndStruct();
            }
        }
        w.EndStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter w, SchemaElement e)
    {
        w.BeginStruct();
        if (e.Type is { } type)
            w.FieldI32(1, (int)type);
        if (e.Type == ParquetPhysicalType.FixedLenByteArray)
            w.FieldI32(2, e.TypeLength);
        if (e.Repetition is { } rep)
            w.FieldI32(3, (int)rep);
        w.FieldString(4, e.Name);
        if (e.Type is null)
            w.FieldI32(5, e.NumChildren);
        if (e.ConvertedType is { } ct)
            w.FieldI32(6, (int)ct);
        if (e.ConvertedType == ParquetConvertedType.Decimal)
        {
            w.FieldI32(7, e.Scale);
            w.FieldI32(8, e.Precision);
        }
        if (e.LogicalType is { Kind: not ParquetLogicalTypeKind.None } lt)
        {
            w.FieldStruct(10);
            WriteLogicalType(w, lt);
        }
        w.EndStruct();
    }

    private static void WriteLogicalType(ThriftCompactWriter w, ParquetLogicalType lt)
    {
        w.BeginStruct();
        short id = lt.Kind switch
        {
            ParquetLogicalTypeKind.String => 1,
            ParquetLogicalTypeKind.Map => 2,
            ParquetLogicalTypeKind.List => 3,
            ParquetLogicalTypeKind.Enum => 4,
            ParquetLogicalTypeKind.Decimal => 5,
            ParquetLogicalTypeKind.Date => 6,
            ParquetLogicalTypeKind.Time => 7,
            ParquetLogicalTypeKind.Timestamp => 8,
            ParquetLogicalTypeKind.Integer => 10,
            ParquetLogicalTypeKind.Null => 11,
            ParquetLogicalTypeKind.Json => 12,
            ParquetLogicalTypeKind.Bson => 13,
            ParquetLogicalTypeKind.Uuid => 14,
            ParquetLogicalTypeKind.Float16 => 15,
            _ => throw new ArgumentException($"cannot write logical type {lt.Kind}"),
        };
        w.FieldStruct(id);
        w.BeginStruct();
        switch (lt.Kind)
        {
            case ParquetLogicalTypeKind.Decimal:
                w.FieldI32(1, lt.Scale);
                w.FieldI32(2, lt.Precision);
                break;
            case ParquetLogicalTypeKind.Time:
            case ParquetLogicalTypeKind.Timestamp:
                w.FieldBool(1, lt.IsAdjustedToUtc);
                w.FieldStruct(2);
                w.BeginStruct();
                w.FieldStruct((short)((int)lt.Unit + 1));
                w.BeginStruct();
                w.EndStruct();
                w.EndStruct();
                break;
            case ParquetLogicalTypeKind.Integer:
                w.FieldHeader(1, ThriftType.Byte);
                w.RawByte((byte)lt.BitWidth);
                w.FieldBool(2, lt.IsSigned);
                break;
        }
        w.EndStruct();
        w.EndStruct();
    }

    private static void WriteRowGroup(ThriftCompactWriter w, RowGroup g)
    {
        w.BeginStruct();
        w.FieldList(1, ThriftType.Struct, g.Columns.Count);
        foreach (var c in g.Columns)
            WriteColumnChunk(w, c);
        w.FieldI64(2, g.TotalByteSize);
        w.FieldI64(3, g.NumRows);
        if (g.FileOffset is { } fo)
            w.FieldI64(5, fo);
        if (g.TotalCompressedSize is { } tcs)
            w.FieldI64(6, tcs);
        if (g.Ordinal is { } ord)
        {
            w.FieldHeader(7, ThriftType.I16);
            w.I32(ord);
        }
        w.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter w, ColumnChunk c)
    {
        var m = c.MetaData!;
        w.BeginStruct();
        w.FieldI64(2, c.FileOffset);
        w.FieldStruct(3);
        w.BeginStruct();
        w.FieldI32(1, (int)m.Type);
        w.FieldList(2, ThriftType.I32, m.Encodings.Count);
        foreach (int e in m.Encodings)
            w.I32(e);
        w.FieldList(3, ThriftType.Binary, m.PathInSchema.Count);
        foreach (string p in m.PathInSchema)
            w.String(p);
        w.FieldI32(4, (int)m.Codec);
        w.FieldI64(5, m.NumValues);
        w.FieldI64(6, m.TotalUncompressedSize);
        w.FieldI64(7, m.TotalCompressedSize);
        w.FieldI64(9, m.DataPageOffset);
        if (m.DictionaryPageOffset is { } dpo)
            w.FieldI64(11, dpo);
        if (m.Statistics is { } s)
        {
            w.FieldStruct(12);
            WriteStatistics(w, s);
        }
        w.EndStruct();
        w.EndStruct();
    }

    public static void WriteStatistics(ThriftCompactWriter w, Statistics s)
    {
        w.BeginStruct();
        if (s.Max is not null) w.FieldBinary(1, s.Max);
        if (s.Min is not null) w.FieldBinary(2, s.Min);
        if (s.NullCount is { } nc) w.FieldI64(3, nc);
        if (s.DistinctCount is { } dc) w.FieldI64(4, dc);
        if (s.MaxValue is not null) w.FieldBinary(5, s.MaxValue);
        if (s.MinValue is not null) w.FieldBinary(6, s.MinValue);
        w.EndStruct();
    }

    private static void WriteKeyValues(ThriftCompactWriter w, short id, List<KeyValuePair<string, string?>> kvs)
    {
        w.FieldList(id, ThriftType.Struct, kvs.Count);
        foreach (var kv in kvs)
        {
            w.BeginStruct();
            w.FieldString(1, kv.Key);
            if (kv.Value is not null)
                w.FieldString(2, kv.Value);
            w.EndStruct();
        }
    }

    public static void WritePageHeader(ThriftCompactWriter w, PageHeader h)
    {
        w.BeginStruct();
        w.FieldI32(1, (int)h.Type);
        w.FieldI32(2, h.UncompressedPageSize);
        w.FieldI32(3, h.CompressedPageSize);
        if (h.Crc is { } crc)
            w.FieldI32(4, crc);
        if (h.DataPage is { } d)
        {
            w.FieldStruct(5);
            w.BeginStruct();
            w.FieldI32(1, d.NumValues);
            w.FieldI32(2, (int)d.Encoding);
            w.FieldI32(3, (int)d.DefinitionLevelEncoding);
            w.FieldI32(4, (int)d.RepetitionLevelEncoding);
            w.EndStruct();
        }
        if (h.DictionaryPage is { } dict)
        {
            w.FieldStruct(7);
            w.BeginStruct();
            w.FieldI32(1, dict.NumValues);
            w.FieldI32(2, (int)dict.Encoding);
            w.EndStruct();
        }
        w.EndStruct();
    }
}
