using System.Buffers;
using Ember.Parquet.Reading;

namespace Ember.Parquet.Encodings;

/// <summary>Decodes DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (incremental / front coding).</summary>
internal static class DeltaByteArrayDecoder
{
    public static void DecodeDeltaLength(ReadOnlySpan<byte> data, int count, ColumnValues into)
    {
        long[] lengths = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        try
        {
            int pos = DeltaBinaryPackedDecoder.Decode(data, lengths.AsSpan(0, count));
            for (int i = 0; i < count; i++)
            {
                long len = lengths[i];
                if (len < 0 || len > data.Length - pos)
                    ParquetThrow.Data($"DELTA_LENGTH_BYTE_ARRAY value {i} declares {len} bytes but {data.Length - pos} remain");
                Append(into, data.Slice(pos, (int)len));
                pos += (int)len;
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(lengths);
        }
    }

    public static void DecodeDeltaByteArray(ReadOnlySpan<byte> data, int count, ColumnValues into)
    {
        long[] prefixes = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        long[] suffixes = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        byte[] previous = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            int pos = DeltaBinaryPackedDecoder.Decode(data, prefixes.AsSpan(0, count));
            pos += DeltaBinaryPackedDecoder.Decode(data.Slice(pos), suffixes.AsSpan(0, count));
            int prevLen = 0;
            for (int i = 0; i < count; i++)
            {
                long prefix = prefixes[i], suffix = suffixes[i];
                if (prefix < 0 || prefix > prevLen)
                    ParquetThrow.Data($"DELTA_BYTE_ARRAY value {i} shares a prefix of {prefix} bytes with a previous value of {prevLen} bytes");
                if (suffix < 0 || suffix > data.Length - pos)
                    ParquetThrow.Data($"DELTA_BYTE_ARRAY value {i} declares a suffix of {suffix} bytes but {data.Length - pos} remain");
                int len = (int)(prefix + suffix);
                if (len > previous.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(len);
                    previous.AsSpan(0, prevLen).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(previous);
                    previous = bigger;
                }
                data.Slice(pos, (int)suffix).CopyTo(previous.AsSpan((int)prefix));
                pos += (int)suffix;
                prevLen = len;
                Append(into, previous.AsSpan(0, len));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(prefixes);
            ArrayPool<long>.Shared.Return(suffixes);
            ArrayPool<byte>.Shared.Return(previous);
        }
    }

    private static void Append(ColumnValues into, ReadOnlySpan<byte> value)
    {
        if (into.Type == ParquetPhysicalType.ByteArray)
        {
            into.AppendBinary(value);
            return;
        }
        if (value.Length != into.FixedWidth)
            ParquetThrow.Data($"a FIXED_LEN_BYTE_ARRAY({into.FixedWidth}) value has {value.Length} bytes");
        value.CopyTo(into.AppendFixed(1));
    }
}
