using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// Huffman tables for literals (RFC 8878 §4.2): the tree description (weights, either FSE-compressed
/// or as direct 4-bit fields), the decoding table it yields, and decoding one backward stream.
/// A table cell packs the symbol (bits 0-7) and its code length (bits 8-15); the table is indexed by
/// the next <c>maxBits</c> bits of the stream.
/// </summary>
internal static class ZstdHuffman
{
    /// <summary>The format caps code lengths at 11 bits.</summary>
    public const int MaxBits = 11;

    /// <summary>Weights of a Huffman header are FSE-coded with an accuracy log of at most 6.</summary>
    private const int WeightsMaxLog = 6;

    /// <summary>Reads a Huffman tree description into <paramref name="table"/>; returns the bytes used.</summary>
    public static int ReadTable(ReadOnlySpan<byte> src, Span<ushort> table, out int maxBits)
    {
        if (src.IsEmpty)
            ParquetThrow.Data("ZSTD Huffman tree description is missing");
        Span<byte> weights = stackalloc byte[256];
        int header = src[0], count, used;
        if (header < 128)
        {
            used = 1 + header;
            if (header == 0 || used > src.Length)
                ParquetThrow.Data($"ZSTD Huffman weights declare {header} compressed bytes, {src.Length - 1} are there");
            count = DecodeWeights(src.Slice(1, header), weights);
        }
        else
        {
            count = header - 127;
            used = 1 + (count + 1) / 2;
            if (used > src.Length)
                ParquetThrow.Data("ZSTD Huffman direct weights are truncated");
            for (int i = 0; i < count; i++)
            {
                byte b = src[1 + i / 2];
                weights[i] = (byte)((i & 1) == 0 ? b >> 4 : b & 15);
            }
        }
        BuildTable(weights.Slice(0, count), table, out maxBits);
        return used;
    }

    /// <summary>Two FSE states share one table and alternate, even symbols first (§4.2.1.2).</summary>
    private static int DecodeWeights(ReadOnlySpan<byte> src, Span<byte> weights)
    {
        Span<short> counts = stackalloc short[16];
        int used = ZstdFse.ReadDistribution(src, 15, WeightsMaxLog, counts, out int symbols, out int log);
        Span<uint> fse = stackalloc uint[1 << WeightsMaxLog];
        ZstdFse.BuildTable(counts.Slice(0, symbols), log, fse);
        var bits = new BackwardBitReader(src.Slice(used), "Huffman weights");
        int s1 = (int)bits.Read(log), s2 = (int)bits.Read(log);
        int n = 0;
        while (true)
        {
            Put(weights, ref n, fse[s1]);
            s1 = ZstdFse.Baseline(fse[s1]) + (int)bits.Read(ZstdFse.Bits(fse[s1]));
            if (bits.Remaining < 0)
            {
                Put(weights, ref n, fse[s2]);
                break;
            }
            Put(weights, ref n, fse[s2]);
            s2 = ZstdFse.Baseline(fse[s2]) + (int)bits.Read(ZstdFse.Bits(fse[s2]));
            if (bits.Remaining < 0)
            {
                Put(weights, ref n, fse[s1]);
                break;
            }
        }
        return n;
    }

    private static void Put(Span<byte> weights, ref int n, uint cell)
    {
        // 255 weights at most: the 256th symbol's weight is implied.
        if (n >= 255)
            ParquetThrow.Data("ZSTD Huffman weights describe more than 256 symbols");
        weights[n++] = (byte)ZstdFse.Symbol(cell);
    }

    /// <summary>Completes the weights with the implied last one and fills the decoding table (§4.2.1.3).</summary>
    private static void BuildTable(ReadOnlySpan<byte> weights, Span<ushort> table, out int maxBits)
    {
        int sum = 0;
        foreach (byte w in weights)
        {
            if (w > MaxBits)
                ParquetThrow.Data($"ZSTD Huffman weight {w} exceeds {MaxBits}");
            if (w > 0)
                sum += 1 << (w - 1);
        }
        if (sum == 0)
            ParquetThrow.Data("ZSTD Huffman tree has fewer than two symbols");
        maxBits = BitOperations.Log2((uint)sum) + 1;
        int rest = (1 << maxBits) - sum;
        if (maxBits > MaxBits || !BitOperations.IsPow2(rest))
            ParquetThrow.Data("ZSTD Huffman weights do not complete to a power of two within 11 bits");
        int lastWeight = BitOperations.Log2((uint)rest) + 1;
        int symbols = weights.Length + 1;
        int position = 0;
        // Codes go out from the lowest weight up, symbols in natural order within a weight; a symbol of
        // weight w has a code maxBits + 1 - w long and so covers 2^(w-1) cells of the table.
        for (int w = 1; w <= maxBits; w++)
        {
            for (int s = 0; s < symbols; s++)
            {
                int weight = s < weights.Length ? weights[s] : lastWeight;
                if (weight != w)
                    continue;
                int cells = 1 << (w - 1);
                ushort cell = (ushort)(s | (maxBits + 1 - w) << 8);
                table.Slice(position, cells).Fill(cell);
                position += cells;
            }
        }
    }

    /// <summary>Decodes exactly <paramref name="dst"/>.Length literals from one backward stream, which must be used up exactly.</summary>
    public static void DecodeStream(ReadOnlySpan<byte> stream, ReadOnlySpan<ushort> table, int maxBits, Span<byte> dst)
    {
        var bits = new BackwardBitReader(stream, "Huffman literals");
        table = table.Slice(0, 1 << maxBits);
        for (int i = 0; i < dst.Length; i++)
            dst[i] = Next(ref bits, table, maxBits);
        CheckEnd(in bits, dst.Length);
    }

    /// <summary>
    /// Decodes four streams into <paramref name="dst"/>'s four segments (the first three
    /// <paramref name="segment"/> long, the last the rest) side by side: each stream is a chain of
    /// dependent table lookups, and four independent chains let the CPU overlap them.
    /// </summary>
    public static void DecodeFourStreams(ReadOnlySpan<byte> s1, ReadOnlySpan<byte> s2, ReadOnlySpan<byte> s3, ReadOnlySpan<byte> s4,
        ReadOnlySpan<ushort> table, int maxBits, Span<byte> dst, int segment)
    {
        var b1 = new BackwardBitReader(s1, "Huffman literals");
        var b2 = new BackwardBitReader(s2, "Huffman literals");
        var b3 = new BackwardBitReader(s3, "Huffman literals");
        var b4 = new BackwardBitReader(s4, "Huffman literals");
        table = table.Slice(0, 1 << maxBits);
        Span<byte> o1 = dst.Slice(0, segment), o2 = dst.Slice(segment, segment), o3 = dst.Slice(2 * segment, segment), o4 = dst.Slice(3 * segment);
        int i = 0;
        for (; i < o4.Length; i++)
        {
            o1[i] = Next(ref b1, table, maxBits);
            o2[i] = Next(ref b2, table, maxBits);
            o3[i] = Next(ref b3, table, maxBits);
            o4[i] = Next(ref b4, table, maxBits);
        }
        for (; i < segment; i++)
        {
            o1[i] = Next(ref b1, table, maxBits);
            o2[i] = Next(ref b2, table, maxBits);
            o3[i] = Next(ref b3, table, maxBits);
        }
        CheckEnd(in b1, segment);
        CheckEnd(in b2, segment);
        CheckEnd(in b3, segment);
        CheckEnd(in b4, o4.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Next(ref BackwardBitReader bits, ReadOnlySpan<ushort> table, int maxBits)
    {
        ushort cell = table[(int)bits.Peek(maxBits)];
        bits.Skip(cell >> 8);
        return (byte)cell;
    }

    private static void CheckEnd(in BackwardBitReader bits, int literals)
    {
        if (bits.Remaining != 0)
            ParquetThrow.Data($"ZSTD Huffman literals stream does not end where its {literals} literals do");
    }
}
