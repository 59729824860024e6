namespace Ember.Parquet.Encodings;

/// <summary>
/// Decodes DELTA_BINARY_PACKED (INT32 and INT64). Arithmetic wraps, as the spec requires, so
/// INT32 columns decode through 64-bit values truncated at the end.
/// </summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Values per block are capped so that a corrupt header cannot claim a huge block.</summary>
    private const int MaxBlockSize = 1 << 16;

    /// <summary>Decodes exactly <paramref name="dest"/>.Length values (the page may hold more); returns bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> dest)
    {
        int pos = 0;
        ulong blockSize = ReadUVarint(data, ref pos);
        ulong miniblocks = ReadUVarint(data, ref pos);
        ulong total = ReadUVarint(data, ref pos);
        long value = ReadZigZag(data, ref pos);
        if (blockSize == 0 || blockSize > MaxBlockSize || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
            ParquetThrow.Data($"DELTA_BINARY_PACKED header is invalid (block size {blockSize}, {miniblocks} miniblocks)");
        if (total < (ulong)dest.Length)
            ParquetThrow.Data($"DELTA_BINARY_PACKED data holds {total} values, fewer than the {dest.Length} the page needs");
        int perMiniblock = (int)(blockSize / miniblocks);
        int miniCount = (int)miniblocks;
        if (dest.Length == 0)
            return pos;
        dest[0] = value;
        int done = 1;
        Span<byte> widths = stackalloc byte[Math.Min(miniCount, 1024)];
        if (miniCount > 1024)
            ParquetThrow.Data($"DELTA_BINARY_PACKED declares {miniCount} miniblocks per block");
        while (done < dest.Length)
        {
            long minDelta = ReadZigZag(data, ref pos);
            if (data.Length - pos < miniCount)
                ParquetThrow.Data("DELTA_BINARY_PACKED block header is truncated");
            data.Slice(pos, miniCount).CopyTo(widths);
            pos += miniCount;
            for (int m = 0; m < miniCount && done < dest.Length; m++)
            {
                int width = widths[m];
                if (width > 64)
                    ParquetThrow.Data($"DELTA_BINARY_PACKED miniblock bit width {width} exceeds 64");
                long miniBytes = (long)perMiniblock * width / 8;
                if (pos >= data.Length && width > 0)
                    ParquetThrow.Data("DELTA_BINARY_PACKED miniblock is truncated");
                var mini = data.Slice(pos, (int)Math.Min(miniBytes, data.Length - pos));
                int n = Math.Min(perMiniblock, dest.Length - done);
                long bit = 0;
                for (int i = 0; i < n; i++)
                {
                    ulong delta = BitReader.Read(mini, bit, width);
                    bit += width;
                    value = unchecked(value + minDelta + (long)delta);
                    dest[done++] = value;
                }
                pos += mini.Length;
            }
        }
        return pos;
    }

    /// <summary>Reads only the header's total value count, to size what follows.</summary>
    public static int PeekTotal(ReadOnlySpan<byte> data)
    {
        int pos = 0;
        ReadUVarint(data, ref pos);
        ReadUVarint(data, ref pos);
        ulong total = ReadUVarint(data, ref pos);
        if (total > int.MaxValue)
            ParquetThrow.Data($"DELTA_BINARY_PACKED declares {total} values");
        return (int)total;
    }

    private static ulong ReadUVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (pos >= data.Length)
                ParquetThrow.Data("DELTA_BINARY_PACKED header is truncated");
            byte b = data[pos++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return v;
        }
        return ParquetThrow.Data<ulong>("DELTA_BINARY_PACKED varint is longer than 10 bytes");
    }

    private static long ReadZigZag(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong v = ReadUVarint(data, ref pos);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
