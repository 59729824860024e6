namespace Ember.Parquet.Thrift;

/// <summary>Decodes the file footer (<c>FileMetaData</c>) from its Thrift compact bytes.</summary>
internal static class FooterReader
{
    public static FileMetaData Read(ReadOnlySpan<byte> bytes)
    {
        var r = new ThriftCompactReader(bytes);
        var m = new FileMetaData();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: m.Version = r.ReadI32(); break;
                case 2 when t == ThriftType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++)
                            m.Schema.Add(ReadSchemaElement(ref r));
                        break;
                    }
                case 3 when t == ThriftType.I64: m.NumRows = r.ReadI64(); break;
                case 4 when t == ThriftType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++)
                            m.RowGroups.Add(ReadRowGroup(ref r));
                        break;
                    }
                case 5 when t == ThriftType.List: ReadKeyValues(ref r, m.KeyValueMetadata); break;
                case 6 when t == ThriftType.Binary: m.CreatedBy = r.ReadString(); break;
                case 7 when t == ThriftType.List:
                    {
                        int n = r.ReadListHeader(out var et);
                        for (int i = 0; i < n; i++)
                            r.Skip(et);
                        m.ColumnOrderCount = n;
                        break;
                    }
                case 8: m.HasEncryptionAlgorithm = true; r.Skip(t); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return m;
    }

    /// <summary>A physical type enum value, refused when it is not one of the 8 the format defines.</summary>
    private static ParquetPhysicalType ReadPhysicalType(ref ThriftCompactReader r, string where)
    {
        int type = r.ReadI32();
        if (type is < 0 or > 7)
            ParquetThrow.Data($"{where} has unknown physical type {type}");
        return (ParquetPhysicalType)type;
    }

    private static SchemaElement ReadSchemaElement(ref ThriftCompactReader r)
    {
        var e = new SchemaElement();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: e.Type = ReadPhysicalType(ref r, "schema element"); break;
                case 2 when t == ThriftType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when t == ThriftType.I32:
                    int rep = r.ReadI32();
                    if (rep is < 0 or > 2)
                        ParquetThrow.Data($"schema element has unknown repetition {rep}");
                    e.Repetition = (ParquetRepetition)rep;
                    break;
                case 4 when t == ThriftType.Binary: e.Name = r.ReadString(); break;
                case 5 when t == ThriftType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when t == ThriftType.I32:
                    int ct = r.ReadI32();
                    e.ConvertedType = ct is >= 0 and <= 21 ? (ParquetConvertedType)ct : null;
                    break;
                case 7 when t == ThriftType.I32: e.Scale = r.ReadI32(); break;
                case 8 when t == ThriftType.I32: e.Precision = r.ReadI32(); break;
                case 9 when t == ThriftType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when t == ThriftType.Struct: e.LogicalType = LogicalTypeReader.Read(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return e;
    }

    private static RowGroup ReadRowGroup(ref ThriftCompactReader r)
    {
        var g = new RowGroup();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++)
                            g.Columns.Add(ReadColumnChunk(ref r));
                        break;
                    }
                case 2 when t == ThriftType.I64: g.TotalByteSize = r.ReadI64(); break;
                case 3 when t == ThriftType.I64: g.NumRows = r.ReadI64(); break;
                case 5 when t == ThriftType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when t == ThriftType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when t == ThriftType.I16: g.Ordinal = r.ReadI16(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return g;
    }

    private static ColumnChunk ReadColumnChunk(ref ThriftCompactReader r)
    {
        var c = new ColumnChunk();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when t == ThriftType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when t == ThriftType.Struct: c.MetaData = ReadColumnMetaData(ref r); break;
                case 8 or 9: c.IsEncrypted = true; r.Skip(t); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return c;
    }

    private static ColumnMetaData ReadColumnMetaData(ref ThriftCompactReader r)
    {
        var m = new ColumnMetaData();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: m.Type = ReadPhysicalType(ref r, "column metadata"); break;
                case 2 when t == ThriftType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++)
                            m.Encodings.Add(r.ReadI32());
                        break;
                    }
                case 3 when t == ThriftType.List:
                    {
                        int n = r.ReadListHeader(out _);
                        for (int i = 0; i < n; i++)
                            m.PathInSchema.Add(r.ReadString());
                        break;
                    }
                case 4 when t == ThriftType.I32: m.Codec = (ParquetCompression)r.ReadI32(); break;
                case 5 when t == ThriftType.I64: m.NumValues = r.ReadI64(); break;
                case 6 when t == ThriftType.I64: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when t == ThriftType.I64: m.TotalCompressedSize = r.ReadI64(); break;
                case 8 when t == ThriftType.List: ReadKeyValues(ref r, m.KeyValueMetadata); break;
                case 9 when t == ThriftType.I64: m.DataPageOffset = r.ReadI64(); break;
                case 11 when t == ThriftType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when t == ThriftType.Struct: m.Statistics = ReadStatistics(ref r); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return m;
    }

    internal static Statistics ReadStatistics(ref ThriftCompactReader r)
    {
        var s = new Statistics();
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: s.Max = r.ReadBinary(); break;
                case 2 when t == ThriftType.Binary: s.Min = r.ReadBinary(); break;
                case 3 when t == ThriftType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when t == ThriftType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when t == ThriftType.Binary: s.MaxValue = r.ReadBinary(); break;
                case 6 when t == ThriftType.Binary: s.MinValue = r.ReadBinary(); break;
                default: r.Skip(t); break;
            }
        }
        r.EndStruct(saved);
        return s;
    }

    private static void ReadKeyValues(ref ThriftCompactReader r, List<KeyValuePair<string, string?>> into)
    {
        int n = r.ReadListHeader(out _);
        for (int i = 0; i < n; i++)
        {
            string key = "";
            string? value = null;
            short saved = r.BeginStruct();
            while (r.ReadFieldHeader(out var t, out short id))
            {
                if (id == 1 && t == ThriftType.Binary) key = r.ReadString();
                else if (id == 2 && t == ThriftType.Binary) value = r.ReadString();
                else r.Skip(t);
            }
            r.EndStruct(saved);
            into.Add(new(key, value));
        }
    }
}
