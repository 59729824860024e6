using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Ember.Parquet.Reading;

namespace Ember.Parquet.Writing;

/// <summary>
/// Appends a .NET value to a leaf in the field's physical form: the inverse of
/// <see cref="ValueConverter"/>. A value of the wrong type is an error naming the field.
/// </summary>
internal static class WriteValueConverter
{
    public static void Append(ParquetField f, ColumnValues into, object value)
    {
        var lt = f.LogicalType;
        switch (f.PhysicalType)
        {
            case ParquetPhysicalType.Boolean:
                into.AppendBools(1)[0] = value is bool b ? b : throw Wrong(f, value);
                break;
            case ParquetPhysicalType.Int32:
                into.AppendInts(1)[0] = value switch
                {
                    int i => i,
                    sbyte or short or byte or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                    uint u when lt.Kind == ParquetLogicalTypeKind.Integer && !lt.IsSigned => unchecked((int)u),
                    DateOnly d => d.DayNumber - 719_162,
                    TimeSpan t => checked((int)(t.Ticks / TimeSpan.TicksPerMillisecond)),
                    decimal m when lt.Kind == ParquetLogicalTypeKind.Decimal => (int)Unscaled(f, m),
                    _ => throw Wrong(f, value),
                };
                break;
            case ParquetPhysicalType.Int64:
                into.AppendLongs(1)[0] = value switch
                {
                    long l => l,
                    int or sbyte or short or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                    ulong u => unchecked((long)u),
                    DateTime dt => Timestamp(f, dt),
                    TimeSpan t => lt.Unit == ParquetTimeUnit.Nanos ? t.Ticks * 100 : t.Ticks / 10,
                    decimal m when lt.Kind == ParquetLogicalTypeKind.Decimal => (long)Unscaled(f, m),
                    _ => throw Wrong(f, value),
                };
                break;
            case ParquetPhysicalType.Float:
                into.AppendFloats(1)[0] = value is float fl ? fl : throw Wrong(f, value);
                break;
            case ParquetPhysicalType.Double:
                into.AppendDoubles(1)[0] = value switch
                {
                    double d => d,
                    float f32 => f32,
                    _ => throw Wrong(f, value),
                };
                break;
            case ParquetPhysicalType.ByteArray:
                switch (value)
                {
                    case string s: into.AppendBinary(Encoding.UTF8.GetBytes(s)); break;
                    case byte[] bytes: into.AppendBinary(bytes); break;
                    case decimal m when lt.Kind == ParquetLogicalTypeKind.Decimal: into.AppendBinary(Unscaled(f, m).ToByteArray(isUnsigned: false, isBigEndian: true)); break;
                    default: throw Wrong(f, value);
                }
                break;
            case ParquetPhysicalType.Int96:
                {
                    if (value is not DateTime dt)
                        throw Wrong(f, value);
                    long ticks = dt.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
                    long days = Math.DivRem(ticks, TimeSpan.TicksPerDay, out long rem);
                    if (rem < 0) { days--; rem += TimeSpan.TicksPerDay; }
                    var span = into.AppendFixed(1);
                    BinaryPrimitives.WriteInt64LittleEndian(span, rem * 100);
                    BinaryPrimitives.WriteInt32LittleEndian(span.Slice(8), (int)(days + 2_440_588));
                    break;
                }
            default:
                {
                    int width = f.TypeLength;
                    byte[] bytes = value switch
                    {
                        byte[] raw => raw,
                        Guid g => g.ToByteArray(bigEndian: true),
                        Half h => HalfBytes(h),
                        decimal m when lt.Kind == ParquetLogicalTypeKind.Decimal => FixedDecimal(Unscaled(f, m), width),
                        _ => throw Wrong(f, value),
                    };
                    if (bytes.Length != width)
                        throw new ArgumentException($"field '{f.Name}' holds FIXED_LEN_BYTE_ARRAY({width}) but the value has {bytes.Length} bytes");
                    bytes.CopyTo(into.AppendFixed(1));
                    break;
                }
        }
    }

    private static long Timestamp(ParquetField f, DateTime dt)
    {
        long ticks = (dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt).Ticks - DateTime.UnixEpoch.Ticks;
        return f.LogicalType.Unit switch
        {
            ParquetTimeUnit.Millis => ticks / TimeSpan.TicksPerMillisecond,
            ParquetTimeUnit.Nanos => checked(ticks * 100),
            _ => ticks / 10,
        };
    }

    private static BigInteger Unscaled(ParquetField f, decimal m)
    {
        decimal scaled = decimal.Round(m, f.Scale) * Pow10(f.Scale);
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"field '{f.Name}': {m} does not fit DECIMAL({f.Precision},{f.Scale})");
        return new BigInteger(decimal.Truncate(scaled));
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    private static byte[] FixedDecimal(BigInteger unscaled, int width)
    {
        byte[] minimal = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        if (minimal.Length > width)
            return minimal;
        var bytes = new byte[width];
        if (unscaled.Sign < 0)
            bytes.AsSpan().Fill(0xFF);
        minimal.CopyTo(bytes, width - minimal.Length);
        return bytes;
    }

    private static byte[] HalfBytes(Half h)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteHalfLittleEndian(bytes, h);
        return bytes;
    }

    private static ArgumentException Wrong(ParquetField f, object value)
        => new($"field '{f.Name}' is {ParquetSchemaPrinter.TypeName(f)} and cannot hold a {value.GetType().Name} ({value})");
}
