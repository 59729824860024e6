namespace Ember.Parquet;

/// <summary>Maps between legacy converted types and logical types (LogicalTypes.md, backward compatibility).</summary>
internal static class ConvertedTypeMapping
{
    public static ParquetConvertedType? FromLogical(ParquetLogicalType lt) => lt.Kind switch
    {
        ParquetLogicalTypeKind.String => ParquetConvertedType.Utf8,
        ParquetLogicalTypeKind.Enum => ParquetConvertedType.Enum,
        ParquetLogicalTypeKind.Decimal => ParquetConvertedType.Decimal,
        ParquetLogicalTypeKind.Date => ParquetConvertedType.Date,
        ParquetLogicalTypeKind.Json => ParquetConvertedType.Json,
        ParquetLogicalTypeKind.Bson => ParquetConvertedType.Bson,
        ParquetLogicalTypeKind.List => ParquetConvertedType.List,
        ParquetLogicalTypeKind.Map => ParquetConvertedType.Map,
        ParquetLogicalTypeKind.Time when lt.Unit == ParquetTimeUnit.Millis => ParquetConvertedType.TimeMillis,
        ParquetLogicalTypeKind.Time when lt.Unit == ParquetTimeUnit.Micros => ParquetConvertedType.TimeMicros,
        // The legacy timestamp types mean UTC-adjusted instants only.
        ParquetLogicalTypeKind.Timestamp when lt.IsAdjustedToUtc && lt.Unit == ParquetTimeUnit.Millis => ParquetConvertedType.TimestampMillis,
        ParquetLogicalTypeKind.Timestamp when lt.IsAdjustedToUtc && lt.Unit == ParquetTimeUnit.Micros => ParquetConvertedType.TimestampMicros,
        ParquetLogicalTypeKind.Integer => (lt.IsSigned, lt.BitWidth) switch
        {
            (true, 8) => ParquetConvertedType.Int8,
            (true, 16) => ParquetConvertedType.Int16,
            (true, 32) => ParquetConvertedType.Int32,
            (true, 64) => ParquetConvertedType.Int64,
            (false, 8) => ParquetConvertedType.Uint8,
            (false, 16) => ParquetConvertedType.Uint16,
            (false, 32) => ParquetConvertedType.Uint32,
            (false, 64) => ParquetConvertedType.Uint64,
            _ => null,
        },
        _ => null,
    };

    public static ParquetLogicalType ToLogical(ParquetConvertedType? ct, int scale, int precision) => ct switch
    {
        ParquetConvertedType.Utf8 => new(ParquetLogicalTypeKind.String),
        ParquetConvertedType.Enum => new(ParquetLogicalTypeKind.Enum),
        ParquetConvertedType.Json => new(ParquetLogicalTypeKind.Json),
        ParquetConvertedType.Bson => new(ParquetLogicalTypeKind.Bson),
        ParquetConvertedType.List => new(ParquetLogicalTypeKind.List),
        ParquetConvertedType.Map => new(ParquetLogicalTypeKind.Map),
        ParquetConvertedType.Decimal => new(ParquetLogicalTypeKind.Decimal) { Scale = scale, Precision = precision },
        ParquetConvertedType.Date => new(ParquetLogicalTypeKind.Date),
        ParquetConvertedType.TimeMillis => new(ParquetLogicalTypeKind.Time) { Unit = ParquetTimeUnit.Millis, IsAdjustedToUtc = true },
        ParquetConvertedType.TimeMicros => new(ParquetLogicalTypeKind.Time) { Unit = ParquetTimeUnit.Micros, IsAdjustedToUtc = true },
        ParquetConvertedType.TimestampMillis => new(ParquetLogicalTypeKind.Timestamp) { Unit = ParquetTimeUnit.Millis, IsAdjustedToUtc = true },
        ParquetConvertedType.TimestampMicros => new(ParquetLogicalTypeKind.Timestamp) { Unit = ParquetTimeUnit.Micros, IsAdjustedToUtc = true },
        ParquetConvertedType.Int8 => Int(8, true),
        ParquetConvertedType.Int16 => Int(16, true),
        ParquetConvertedType.Int32 => Int(32, true),
        ParquetConvertedType.Int64 => Int(64, true),
        ParquetConvertedType.Uint8 => Int(8, false),
        ParquetConvertedType.Uint16 => Int(16, false),
        ParquetConvertedType.Uint32 => Int(32, false),
        ParquetConvertedType.Uint64 => Int(64, false),
        _ => ParquetLogicalType.None,
    };

    private static ParquetLogicalType Int(int width, bool signed) => new(ParquetLogicalTypeKind.Integer) { BitWidth = width, IsSigned = signed };
}
