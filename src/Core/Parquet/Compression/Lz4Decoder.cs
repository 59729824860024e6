using System.Buffers.Binary;

namespace Ember.Parquet.Compression;

/// <summary>
/// Decodes LZ4: the raw block format (LZ4_RAW, and LZ4 from early parquet-cpp) and the Hadoop
/// framing that parquet-mr's LZ4 codec wraps around blocks.
/// </summary>
internal static class Lz4Decoder
{
    /// <summary>Decodes one raw LZ4 block; returns the bytes written.</summary>
    public static int DecodeBlock(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int s = 0, d = 0;
        while (s < src.Length)
        {
            byte token = src[s++];
            int literal = token >> 4;
            if (literal == 15)
                literal += ReadLength(src, ref s);
            if (literal > src.Length - s || literal > dst.Length - d)
                ParquetThrow.Data("LZ4 literal runs past the end of its input or output");
            src.Slice(s, literal).CopyTo(dst.Slice(d));
            s += literal;
            d += literal;
            if (s == src.Length)
                break; // the last sequence has literals only
            if (src.Length - s < 2)
                ParquetThrow.Data("LZ4 match offset is truncated");
            int offset = BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(s));
            s += 2;
            int match = token & 15;
            if (match == 15)
                match += ReadLength(src, ref s);
            match += 4;
            if (offset == 0 || offset > d || match > dst.Length - d)
                ParquetThrow.Data($"LZ4 match (offset {offset}, length {match}) reaches outside the output");
            SnappyDecoder.CopyMatch(dst, d, offset, match);
            d += match;
        }
        return d;
    }

    /// <summary>
    /// Hadoop framing: blocks of [uncompressed size BE32][compressed size BE32][raw LZ4]. Returns
    /// false (without throwing) when the bytes are not in that framing, so the caller can try raw LZ4.
    /// </summary>
    public static bool TryDecodeHadoop(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int s = 0, d = 0;
        while (s < src.Length)
        {
            if (src.Length - s < 8)
                return false;
            uint expanded = BinaryPrimitives.ReadUInt32BigEndian(src.Slice(s));
            uint compressed = BinaryPrimitives.ReadUInt32BigEndian(src.Slice(s + 4));
            s += 8;
            if (expanded > (uint)(dst.Length - d) || compressed > (uint)(src.Length - s))
                return false;
            try
            {
                if (DecodeBlock(src.Slice(s, (int)compressed), dst.Slice(d, (int)expanded)) != expanded)
                    return false;
            }
            catch (ParquetDataException)
            {
                return false;
            }
            s += (int)compressed;
            d += (int)expanded;
        }
        return d == dst.Length;
    }

    private static int ReadLength(ReadOnlySpan<byte> src, ref int s)
    {
        int total = 0;
        byte b;
        do
        {
            if (s >= src.Length)
                ParquetThrow.Data("LZ4 length is truncated");
            b = src[s++];
            total += b;
            if (total > int.MaxValue / 2)
                ParquetThrow.Data("LZ4 length overflows");
        }
        while (b == 255);
        return total;
    }
}
