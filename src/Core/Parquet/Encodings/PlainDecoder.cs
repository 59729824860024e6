using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ember.Parquet.Reading;

namespace Ember.Parquet.Encodings;

/// <summary>Decodes PLAIN-encoded values (little-endian, bit-packed booleans, length-prefixed byte arrays).</summary>
internal static class PlainDecoder
{
    /// <summary>Appends <paramref name="count"/> values to <paramref name="into"/>; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int count, ColumnValues into)
    {
        switch (into.Type)
        {
            case ParquetPhysicalType.Boolean:
                {
                    int bytes = (int)(((long)count + 7) / 8);
                    Require(data, bytes, count, "BOOLEAN");
                    var dest = into.AppendBools(count);
                    for (int i = 0; i < count; i++)
                        dest[i] = (data[i >> 3] & (1 << (i & 7))) != 0;
                    return bytes;
                }
            case ParquetPhysicalType.Int32: return Copy(data, count, into.AppendInts, "INT32");
            case ParquetPhysicalType.Int64: return Copy(data, count, into.AppendLongs, "INT64");
            case ParquetPhysicalType.Float: return Copy(data, count, into.AppendFloats, "FLOAT");
            case ParquetPhysicalType.Double: return Copy(data, count, into.AppendDoubles, "DOUBLE");
            case ParquetPhysicalType.ByteArray:
                {
                    int pos = 0;
                    for (int i = 0; i < count; i++)
                    {
                        if (data.Length - pos < 4)
                            ParquetThrow.Data($"PLAIN BYTE_ARRAY value {i} of {count}: length prefix is truncated");
                        uint len = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(pos));
                        pos += 4;
                        if (len > (uint)(data.Length - pos))
                            ParquetThrow.Data($"PLAIN BYTE_ARRAY value {i} declares {len} bytes but only {data.Length - pos} remain in the page");
                        into.AppendBinary(data.Slice(pos, (int)len));
                        pos += (int)len;
                    }
                    return pos;
                }
            default:
                {
                    long bytes = (long)count * into.FixedWidth;
                    Require(data, bytes, count, into.Type.ToString());
                    data.Slice(0, (int)bytes).CopyTo(into.AppendFixed(count));
                    return (int)bytes;
                }
        }
    }

    private delegate Span<T> Appender<T>(int n);

    private static int Copy<T>(ReadOnlySpan<byte> data, int count, Appender<T> append, string type)
        where T : unmanaged
    {
        long bytes = (long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Require(data, bytes, count, type);
        MemoryMarshal.Cast<byte, T>(data.Slice(0, (int)bytes)).CopyTo(append(count));
        return (int)bytes;
    }

    private static void Require(ReadOnlySpan<byte> data, long bytes, int count, string type)
    {
        if (bytes > data.Length)
            ParquetThrow.Data($"PLAIN {type} page holds {data.Length} bytes, too few for {count} values ({bytes} bytes)");
    }
}
