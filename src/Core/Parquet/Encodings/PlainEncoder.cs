using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ember.Parquet.Reading;

namespace Ember.Parquet.Encodings;

/// <summary>Encodes values [from, from + count) of a column in PLAIN form.</summary>
internal static class PlainEncoder
{
    public static void Encode(ColumnValues values, int from, int count, IBufferWriter<byte> output)
    {
        switch (values.Type)
        {
            case ParquetPhysicalType.Boolean:
                {
                    int bytes = (count + 7) / 8;
                    var span = output.GetSpan(bytes).Slice(0, bytes);
                    span.Clear();
                    for (int i = 0; i < count; i++)
                        if (values.Bools[from + i])
                            span[i >> 3] |= (byte)(1 << (i & 7));
                    output.Advance(bytes);
                    break;
                }
            case ParquetPhysicalType.Int32: Write(MemoryMarshal.AsBytes(values.Ints.AsSpan(from, count)), output); break;
            case ParquetPhysicalType.Int64: Write(MemoryMarshal.AsBytes(values.Longs.AsSpan(from, count)), output); break;
            case ParquetPhysicalType.Float: Write(MemoryMarshal.AsBytes(values.Floats.AsSpan(from, count)), output); break;
            case ParquetPhysicalType.Double: Write(MemoryMarshal.AsBytes(values.Doubles.AsSpan(from, count)), output); break;
            case ParquetPhysicalType.ByteArray:
                for (int i = from; i < from + count; i++)
                {
                    var v = values.GetBinary(i);
                    var span = output.GetSpan(4 + v.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(span, v.Length);
                    v.CopyTo(span.Slice(4));
                    output.Advance(4 + v.Length);
                }
                break;
            default:
                Write(values.Bytes.AsSpan(from * values.FixedWidth, count * values.FixedWidth), output);
                break;
        }
    }

    private static void Write(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
