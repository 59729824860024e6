using System.Runtime.InteropServices;
using Ember.Parquet.Reading;

namespace Ember.Parquet.Encodings;

/// <summary>Decodes BYTE_STREAM_SPLIT: byte k of value i sits at data[k * count + i].</summary>
internal static class ByteStreamSplitDecoder
{
    public static void Decode(ReadOnlySpan<byte> data, int count, ColumnValues into)
    {
        int width = into.Type switch
        {
            ParquetPhysicalType.Int32 or ParquetPhysicalType.Float => 4,
            ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 8,
            ParquetPhysicalType.FixedLenByteArray => into.FixedWidth,
            _ => ParquetThrow.Data<int>($"BYTE_STREAM_SPLIT does not apply to {into.Type} columns"),
        };
        // The stream length fixes the value count of the page: it may hold more values than non-null slots.
        if ((long)width * count > data.Length)
            ParquetThrow.Data($"BYTE_STREAM_SPLIT page holds {data.Length} bytes, too few for {count} values of {width} bytes");
        int stride = width == 0 ? 0 : data.Length / width;
        Span<byte> bytes = into.Type switch
        {
            ParquetPhysicalType.Int32 => MemoryMarshal.AsBytes(into.AppendInts(count)),
            ParquetPhysicalType.Float => MemoryMarshal.AsBytes(into.AppendFloats(count)),
            ParquetPhysicalType.Int64 => MemoryMarshal.AsBytes(into.AppendLongs(count)),
            ParquetPhysicalType.Double => MemoryMarshal.AsBytes(into.AppendDoubles(count)),
            _ => into.AppendFixed(count),
        };
        for (int k = 0; k < width; k++)
        {
            var stream = data.Slice(k * stride, count);
            for (int i = 0; i < count; i++)
                bytes[i * width + k] = stream[i];
        }
    }
}
