using System.Numerics;

namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// Finite State Entropy tables (RFC 8878 §4.1): reading a normalized distribution and spreading it
/// into a decoding table. A table cell packs the symbol (bits 0-7), the number of bits to read for the
/// next state (bits 8-15) and the baseline that number is added to (bits 16-31).
/// </summary>
internal static class ZstdFse
{
    public static int Symbol(uint cell) => (int)(cell & 0xFF);

    public static int Bits(uint cell) => (int)((cell >> 8) & 0xFF);

    public static int Baseline(uint cell) => (int)(cell >> 16);

    /// <summary>
    /// Reads an FSE table description (§4.1.1) from the start of <paramref name="src"/> into
    /// <paramref name="counts"/> (probability per symbol, -1 meaning "less than 1"). Returns the bytes used.
    /// </summary>
    public static int ReadDistribution(ReadOnlySpan<byte> src, int maxSymbol, int maxLog, Span<short> counts, out int symbolCount, out int accuracyLog)
    {
        var r = new ForwardBitReader(src);
        accuracyLog = r.Read(4) + 5;
        if (accuracyLog > maxLog)
            ParquetThrow.Data($"ZSTD FSE table declares accuracy log {accuracyLog}, above the maximum {maxLog}");
        // Probability points still to hand out, plus one: the largest value the next field can hold.
        int remaining = (1 << accuracyLog) + 1;
        int symbol = 0;
        while (remaining > 1)
        {
            if (symbol > maxSymbol)
                ParquetThrow.Data($"ZSTD FSE table describes more than {maxSymbol + 1} symbols");
            int bits = 32 - BitOperations.LeadingZeroCount((uint)remaining);
            // Values below `small` fit one bit less (the spec's "small values use 1 less bit").
            int small = (1 << bits) - 1 - remaining;
            int value = r.Peek(bits - 1);
            if (value < small)
            {
                r.Skip(bits - 1);
            }
            else
            {
                value = r.Peek(bits);
                if (value >= 1 << (bits - 1))
                    value -= small;
                r.Skip(bits);
            }
            int probability = value - 1;
            counts[symbol++] = (short)probability;
            remaining -= probability < 0 ? 1 : probability;
            if (probability == 0)
            {
                int repeat;
                do
                {
                    repeat = r.Read(2);
                    if (symbol + repeat > maxSymbol + 1)
                        ParquetThrow.Data($"ZSTD FSE table describes more than {maxSymbol + 1} symbols");
                    for (int i = 0; i < repeat; i++)
                        counts[symbol++] = 0;
                }
                while (repeat == 3);
            }
        }
        symbolCount = symbol;
        return r.BytesUsed;
    }

    /// <summary>Spreads a distribution into a decoding table of 1 &lt;&lt; accuracyLog cells (§4.1.1).</summary>
    public static void BuildTable(ReadOnlySpan<short> counts, int accuracyLog, Span<uint> table)
    {
        int size = 1 << accuracyLog;
        table = table.Slice(0, size);
        Span<int> next = stackalloc int[counts.Length];
        int high = size - 1;
        for (int s = 0; s < counts.Length; s++)
        {
            if (counts[s] == -1)
            {
                if (high < 0)
                    ParquetThrow.Data("ZSTD FSE table has more low-probability symbols than cells");
                table[high--] = (uint)s;
                next[s] = 1;
            }
            else
            {
                next[s] = counts[s];
            }
        }
        int spread = 0;
        foreach (short c in counts)
            spread += Math.Max((int)c, 0);
        if (spread != high + 1)
            ParquetThrow.Data("ZSTD FSE distribution does not add up to its table size");
        int step = (size >> 1) + (size >> 3) + 3, mask = size - 1, position = 0;
        for (int s = 0; s < counts.Length; s++)
        {
            for (int i = 0; i < counts[s]; i++)
            {
                table[position] = (uint)s;
                do
                    position = (position + step) & mask;
                while (position > high);
            }
        }
        // The step is odd against a power of two, so it visits every cell once; ending anywhere but 0
        // means the counts do not add up to the table size.
        if (position != 0)
            ParquetThrow.Data("ZSTD FSE distribution does not fill its table");
        for (int state = 0; state < size; state++)
        {
            int s = (int)table[state];
            int n = next[s]++;
            int bits = accuracyLog - BitOperations.Log2((uint)n);
            int baseline = (n << bits) - size;
            table[state] = (uint)s | (uint)bits << 8 | (uint)baseline << 16;
        }
    }

    /// <summary>A little-endian forward bit reader over an FSE table description.</summary>
    private ref struct ForwardBitReader(ReadOnlySpan<byte> src)
    {
        private readonly ReadOnlySpan<byte> _src = src;
        private int _bit;

        public readonly int BytesUsed => (_bit + 7) >> 3;

        public int Read(int n)
        {
            int v = Peek(n);
            Skip(n);
            return v;
        }

        /// <summary>Up to 16 bits; bits past the end read as zero (Skip then refuses them).</summary>
        public readonly int Peek(int n)
        {
            int index = _bit >> 3;
            uint word = 0;
            for (int i = 0; i < 4 && index + i < _src.Length; i++)
                word |= (uint)_src[index + i] << (8 * i);
            return (int)((word >> (_bit & 7)) & ((1u << n) - 1));
        }

        public void Skip(int n)
        {
            _bit += n;
            if (_bit > _src.Length * 8)
                ParquetThrow.Data("ZSTD FSE table description is truncated");
        }
    }
}
