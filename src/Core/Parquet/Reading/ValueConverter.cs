using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Ember.Parquet.Reading;

/// <summary>
/// Turns physical values into the .NET values records hold: logical and converted types decide
/// (strings, decimals, dates, times, timestamps as UTC DateTime, UUID as Guid, FLOAT16 as Half,
/// unsigned ints as byte/ushort/uint/ulong). An unknown logical type reads as its physical type.
/// </summary>
internal static class ValueConverter
{
    /// <summary>System.Decimal holds 28 significant digits; wider decimals read as their exact text.</summary>
    public const int MaxDecimalPrecision = 28;

    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;

    /// <summary>Julian day number of 1970-01-01, the origin of INT96 timestamps' day part.</summary>
    private const long JulianDayOfEpoch = 2_440_588;

    public static LogicalValueKind KindOf(ParquetField f)
    {
        var lt = f.LogicalType;
        var pt = f.PhysicalType!.Value;
        switch (lt.Kind)
        {
            case ParquetLogicalTypeKind.Null: return LogicalValueKind.Null;
            case ParquetLogicalTypeKind.String or ParquetLogicalTypeKind.Enum or ParquetLogicalTypeKind.Json
                when pt == ParquetPhysicalType.ByteArray:
                return LogicalValueKind.String;
            case ParquetLogicalTypeKind.Decimal when pt is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64 or ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray:
                return lt.Precision > MaxDecimalPrecision ? LogicalValueKind.DecimalString : LogicalValueKind.Decimal;
            case ParquetLogicalTypeKind.Date when pt == ParquetPhysicalType.Int32: return LogicalValueKind.Date;
            case ParquetLogicalTypeKind.Time when pt == ParquetPhysicalType.Int32 && lt.Unit == ParquetTimeUnit.Millis: return LogicalValueKind.TimeMillis;
            case ParquetLogicalTypeKind.Time when pt == ParquetPhysicalType.Int64:
                return lt.Unit == ParquetTimeUnit.Micros ? LogicalValueKind.TimeMicros : lt.Unit == ParquetTimeUnit.Nanos ? LogicalValueKind.TimeNanos : LogicalValueKind.TimeMillis;
            case ParquetLogicalTypeKind.Timestamp when pt == ParquetPhysicalType.Int64:
                return lt.Unit switch
                {
                    ParquetTimeUnit.Millis => LogicalValueKind.TimestampMillis,
                    ParquetTimeUnit.Micros => LogicalValueKind.TimestampMicros,
                    _ => LogicalValueKind.TimestampNanos,
                };
            case ParquetLogicalTypeKind.Integer when pt is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64:
                return (lt.IsSigned, lt.BitWidth) switch
                {
                    (true, 8) => LogicalValueKind.SByte,
                    (true, 16) => LogicalValueKind.Int16,
                    (false, 8) => LogicalValueKind.Byte,
                    (false, 16) => LogicalValueKind.UInt16,
                    (false, 32) => LogicalValueKind.UInt32,
                    (false, 64) => LogicalValueKind.UInt64,
                    _ => pt == ParquetPhysicalType.Int32 ? LogicalValueKind.Int32 : LogicalValueKind.Int64,
                };
            case ParquetLogicalTypeKind.Uuid when pt == ParquetPhysicalType.FixedLenByteArray && f.TypeLength == 16: return LogicalValueKind.Uuid;
            case ParquetLogicalTypeKind.Float16 when pt == ParquetPhysicalType.FixedLenByteArray && f.TypeLength == 2: return LogicalValueKind.Float16;
        }
        return pt switch
        {
            ParquetPhysicalType.Boolean => LogicalValueKind.Boolean,
            ParquetPhysicalType.Int32 => LogicalValueKind.Int32,
            ParquetPhysicalType.Int64 => LogicalValueKind.Int64,
            ParquetPhysicalType.Int96 => LogicalValueKind.Int96Timestamp,
            ParquetPhysicalType.Float => LogicalValueKind.Float,
            ParquetPhysicalType.Double => LogicalValueKind.Double,
            _ => LogicalValueKind.Bytes,
        };
    }

    public static object? Convert(LogicalValueKind kind, ParquetField f, ColumnValues v, int i)
    {
        switch (kind)
        {
            case LogicalValueKind.Null: return null;
            case LogicalValueKind.Boolean: return v.Bools[i];
            case LogicalValueKind.Int32: return v.Ints[i];
            case LogicalValueKind.Int64: return v.Longs[i];
            case LogicalValueKind.SByte: return unchecked((sbyte)Int(v, i));
            case LogicalValueKind.Int16: return unchecked((short)Int(v, i));
            case LogicalValueKind.Byte: return unchecked((byte)Int(v, i));
            case LogicalValueKind.UInt16: return unchecked((ushort)Int(v, i));
            case LogicalValueKind.UInt32: return unchecked((uint)Int(v, i));
            case LogicalValueKind.UInt64: return unchecked((ulong)Int(v, i));
            case LogicalValueKind.Float: return v.Floats[i];
            case LogicalValueKind.Double: return v.Doubles[i];
            case LogicalValueKind.String: return Encoding.UTF8.GetString(v.GetBinary(i));
            case LogicalValueKind.Bytes: return v.GetBinary(i).ToArray();
            case LogicalValueKind.Decimal: return ToDecimal(Unscaled(v, i), f.Scale);
            case LogicalValueKind.DecimalString: return DecimalText(Unscaled(v, i), f.Scale);
            case LogicalValueKind.Date:
                {
                    int days = v.Ints[i];
                    const int MinDays = -719_162, MaxDays = 2_932_896; // 0001-01-01 and 9999-12-31
                    if (days is < MinDays or > MaxDays)
                        ParquetThrow.Data($"date value {days} (days since 1970-01-01) is outside years 1 to 9999");
                    return DateOnly.FromDayNumber(719_162 + days);
                }
            case LogicalValueKind.TimeMillis: return Time(Int(v, i) * TimeSpan.TicksPerMillisecond);
            case LogicalValueKind.TimeMicros: return Time(v.Longs[i] * 10);
            case LogicalValueKind.TimeNanos: return Time(v.Longs[i] / 100);
            case LogicalValueKind.TimestampMillis: return Timestamp(v.Longs[i], TimeSpan.TicksPerMillisecond, f);
            case LogicalValueKind.TimestampMicros: return Timestamp(v.Longs[i], 10, f);
            case LogicalValueKind.TimestampNanos: return TimestampNanos(v.Longs[i], f);
            case LogicalValueKind.Int96Timestamp:
                {
                    var b = v.GetBinary(i);
                    long nanos = BinaryPrimitives.ReadInt64LittleEndian(b);
                    long julianDay = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(8));
                    var ticks = (BigInteger)(julianDay - JulianDayOfEpoch) * TimeSpan.TicksPerDay + nanos / 100;
                    return FromEpochTicks(ticks, kind: DateTimeKind.Utc, "INT96 timestamp");
                }
            case LogicalValueKind.Uuid: return new Guid(v.GetBinary(i), bigEndian: true);
            case LogicalValueKind.Float16: return BinaryPrimitives.ReadHalfLittleEndian(v.GetBinary(i));
            default: return ParquetThrow.Data<object>($"no conversion for {kind}");
        }
    }

    private static long Int(ColumnValues v, int i) => v.Type == ParquetPhysicalType.Int32 ? v.Ints[i] : v.Longs[i];

    private static TimeSpan Time(long ticks) => new(ticks);

    private static DateTime Timestamp(long value, long ticksPerUnit, ParquetField f)
        => FromEpochTicks((BigInteger)value * ticksPerUnit, f.LogicalType.IsAdjustedToUtc || f.LogicalType.Kind != ParquetLogicalTypeKind.Timestamp ? DateTimeKind.Utc : DateTimeKind.Unspecified, "timestamp");

    private static DateTime TimestampNanos(long value, ParquetField f)
        => FromEpochTicks(value / 100, f.LogicalType.IsAdjustedToUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified, "timestamp");

    private static DateTime FromEpochTicks(BigInteger ticksSinceEpoch, DateTimeKind kind, string what)
    {
        var ticks = ticksSinceEpoch + UnixEpoch.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            ParquetThrow.Data($"{what} value is outside years 1 to 9999, which .NET DateTime cannot hold");
        return new DateTime((long)ticks, kind);
    }

    /// <summary>The unscaled integer of a decimal in any physical form (big-endian two's complement for binaries).</summary>
    public static BigInteger Unscaled(ColumnValues v, int i) => v.Type switch
    {
        ParquetPhysicalType.Int32 => v.Ints[i],
        ParquetPhysicalType.Int64 => v.Longs[i],
        _ => new BigInteger(v.GetBinary(i), isUnsigned: false, isBigEndian: true),
    };

    public static decimal ToDecimal(BigInteger unscaled, int scale)
    {
        if (scale is < 0 or > 28)
            ParquetThrow.Data($"decimal scale {scale} is outside 0..28");
        var magnitude = BigInteger.Abs(unscaled);
        if (magnitude.GetBitLength() > 96)
            ParquetThrow.Data($"decimal value {unscaled} does not fit System.Decimal");
        Span<byte> bytes = stackalloc byte[12];
        bytes.Clear();
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true);
        int lo = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int mid = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4));
        int hi = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(8));
        return new decimal(lo, mid, hi, unscaled.Sign < 0, (byte)scale);
    }

    public static string DecimalText(BigInteger unscaled, int scale)
    {
        string digits = BigInteger.Abs(unscaled).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string sign = unscaled.Sign < 0 ? "-" : "";
        if (scale <= 0)
            return sign + digits + new string('0', Math.Max(0, -scale));
        if (digits.Length <= scale)
            digits = new string('0', scale - digits.Length + 1) + digits;
        return sign + digits[..^scale] + "." + digits[^scale..];
    }
}
