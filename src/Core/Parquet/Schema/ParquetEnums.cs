namespace Ember.Parquet;

/// <summary>Parquet physical types (parquet.thrift <c>Type</c>), same numbering.</summary>
public enum ParquetPhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}

/// <summary>Parquet field repetition (parquet.thrift <c>FieldRepetitionType</c>).</summary>
public enum ParquetRepetition
{
    Required = 0,
    Optional = 1,
    Repeated = 2,
}

/// <summary>Legacy converted types (parquet.thrift <c>ConvertedType</c>), same numbering.</summary>
public enum ParquetConvertedType
{
    Utf8 = 0,
    Map = 1,
    MapKeyValue = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    TimeMillis = 7,
    TimeMicros = 8,
    TimestampMillis = 9,
    TimestampMicros = 10,
    Uint8 = 11,
    Uint16 = 12,
    Uint32 = 13,
    Uint64 = 14,
    Int8 = 15,
    Int16 = 16,
    Int32 = 17,
    Int64 = 18,
    Json = 19,
    Bson = 20,
    Interval = 21,
}

/// <summary>Compression codecs (parquet.thrift <c>CompressionCodec</c>), same numbering.</summary>
public enum ParquetCompression
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,
    Lz4 = 5,
    Zstd = 6,
    Lz4Raw = 7,
}

/// <summary>What a field is once LIST and MAP annotations are understood.</summary>
public enum ParquetFieldKind
{
    Primitive,
    Struct,
    List,
    Map,
}

/// <summary>Time unit of TIME and TIMESTAMP logical types.</summary>
public enum ParquetTimeUnit
{
    Millis,
    Micros,
    Nanos,
}

/// <summary>Logical type annotations (parquet.thrift <c>LogicalType</c> union).</summary>
public enum ParquetLogicalTypeKind
{
    None,
    String,
    Map,
    List,
    Enum,
    Decimal,
    Date,
    Time,
    Timestamp,
    Integer,
    /// <summary>The NullType annotation ("UNKNOWN"): values are always null.</summary>
    Null,
    Json,
    Bson,
    Uuid,
    Float16,
    Variant,
    Geometry,
    Geography,
    /// <summary>A logical type this reader does not know; values read as their physical type.</summary>
    Unrecognized,
}

/// <summary>A logical type annotation with its parameters (only those of its kind are meaningful).</summary>
public sealed record ParquetLogicalType(ParquetLogicalTypeKind Kind)
{
    public static readonly ParquetLogicalType None = new(ParquetLogicalTypeKind.None);

    public int Scale { get; init; }
    public int Precision { get; init; }
    public int BitWidth { get; init; }
    public bool IsSigned { get; init; } = true;
    public ParquetTimeUnit Unit { get; init; }
    public bool IsAdjustedToUtc { get; init; }

    public override string ToString() => Kind switch
    {
        ParquetLogicalTypeKind.Decimal => $"DECIMAL({Precision},{Scale})",
        ParquetLogicalTypeKind.Time or ParquetLogicalTypeKind.Timestamp => $"{Kind.ToString().ToUpperInvariant()}({Unit.ToString().ToUpperInvariant()},{(IsAdjustedToUtc ? "UTC" : "local")})",
        ParquetLogicalTypeKind.Integer => $"{(IsSigned ? "INT" : "UINT")}({BitWidth})",
        _ => Kind.ToString().ToUpperInvariant(),
    };
}
