namespace Ember.Parquet.Thrift;

/// <summary>Decodes the <c>LogicalType</c> union; an id this reader does not know becomes Unrecognized.</summary>
internal static class LogicalTypeReader
{
    public static ParquetLogicalType Read(ref ThriftCompactReader r)
    {
        ParquetLogicalType result = new(ParquetLogicalTypeKind.Unrecognized);
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            if (t != ThriftType.Struct)
            {
                r.Skip(t);
                continue;
            }
            result = id switch
            {
                1 => Empty(ref r, ParquetLogicalTypeKind.String),
                2 => Empty(ref r, ParquetLogicalTypeKind.Map),
                3 => Empty(ref r, ParquetLogicalTypeKind.List),
                4 => Empty(ref r, ParquetLogicalTypeKind.Enum),
                5 => ReadDecimal(ref r),
                6 => Empty(ref r, ParquetLogicalTypeKind.Date),
                7 => ReadTime(ref r, ParquetLogicalTypeKind.Time),
                8 => ReadTime(ref r, ParquetLogicalTypeKind.Timestamp),
                10 => ReadInt(ref r),
                11 => Empty(ref r, ParquetLogicalTypeKind.Null),
                12 => Empty(ref r, ParquetLogicalTypeKind.Json),
                13 => Empty(ref r, ParquetLogicalTypeKind.Bson),
                14 => Empty(ref r, ParquetLogicalTypeKind.Uuid),
                15 => Empty(ref r, ParquetLogicalTypeKind.Float16),
                16 => Empty(ref r, ParquetLogicalTypeKind.Variant),
                17 => Empty(ref r, ParquetLogicalTypeKind.Geometry),
                18 => Empty(ref r, ParquetLogicalTypeKind.Geography),
                _ => Empty(ref r, ParquetLogicalTypeKind.Unrecognized),
            };
        }
        r.EndStruct(saved);
        return result;
    }

    private static ParquetLogicalType Empty(ref ThriftCompactReader r, ParquetLogicalTypeKind kind)
    {
        r.Skip(ThriftType.Struct);
        return new ParquetLogicalType(kind);
    }

    private static ParquetLogicalType ReadDecimal(ref ThriftCompactReader r)
    {
        int scale = 0, precision = 0;
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            if (id == 1 && t == ThriftType.I32) scale = r.ReadI32();
            else if (id == 2 && t == ThriftType.I32) precision = r.ReadI32();
            else r.Skip(t);
        }
        r.EndStruct(saved);
        return new ParquetLogicalType(ParquetLogicalTypeKind.Decimal) { Scale = scale, Precision = precision };
    }

    private static ParquetLogicalType ReadTime(ref ThriftCompactReader r, ParquetLogicalTypeKind kind)
    {
        bool utc = false;
        var unit = ParquetTimeUnit.Millis;
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            if (id == 1 && t is ThriftType.BoolTrue or ThriftType.BoolFalse)
            {
                utc = r.ReadBool();
            }
            else if (id == 2 && t == ThriftType.Struct)
            {
                short s2 = r.BeginStruct();
                while (r.ReadFieldHeader(out var ut, out short uid))
                {
                    if (uid is >= 1 and <= 3)
                        unit = (ParquetTimeUnit)(uid - 1);
                    r.Skip(ut);
                }
                r.EndStruct(s2);
            }
            else
            {
                r.Skip(t);
            }
        }
        r.EndStruct(saved);
        return new ParquetLogicalType(kind) { IsAdjustedToUtc = utc, Unit = unit };
    }

    private static ParquetLogicalType ReadInt(ref ThriftCompactReader r)
    {
        int width = 0;
        bool signed = true;
        short saved = r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            if (id == 1 && t == ThriftType.Byte) width = (sbyte)r.ReadByte();
            else if (id == 2 && t is ThriftType.BoolTrue or ThriftType.BoolFalse) signed = r.ReadBool();
            else r.Skip(t);
        }
        r.EndStruct(saved);
        return new ParquetLogicalType(ParquetLogicalTypeKind.Integer) { BitWidth = width, IsSigned = signed };
    }
}
