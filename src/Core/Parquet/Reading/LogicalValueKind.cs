namespace Ember.Parquet.Reading;

/// <summary>The .NET value a primitive field reads as (see <see cref="ValueConverter"/>).</summary>
internal enum LogicalValueKind
{
    Null,
    Boolean,
    Int32,
    Int64,
    SByte,
    Int16,
    Byte,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    String,
    Bytes,
    Decimal,
    DecimalString,
    Date,
    TimeMillis,
    TimeMicros,
    TimeNanos,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    Int96Timestamp,
    Uuid,
    Float16,
}
