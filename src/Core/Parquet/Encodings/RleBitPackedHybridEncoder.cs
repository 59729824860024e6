using System.Buffers;

namespace Ember.Parquet.Encodings;

/// <summary>
/// Encodes ints (levels, dictionary indices) in the RLE / bit-packed hybrid: runs of 8 or more
/// equal values become RLE runs, everything else bit-packed groups of 8.
/// </summary>
internal static class RleBitPackedHybridEncoder
{
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        int i = 0;
        int n = values.Length;
        int packedStart = -1;
        while (i < n)
        {
            int run = 1;
            while (i + run < n && values[i + run] == values[i])
                run++;
            if (run >= 8)
            {
                if (packedStart >= 0)
                {
                    // Bit-packed groups hold multiples of 8: borrow values from the run to fill the last group.
                    int pending = i - packedStart;
                    int pad = (8 - pending % 8) % 8;
                    int borrow = Math.Min(pad, run);
                    WritePacked(values.Slice(packedStart, pending + borrow), bitWidth, output);
                    i += borrow;
                    run -= borrow;
                    packedStart = -1;
                }
                if (run > 0)
                {
                    WriteRle(values[i], run, bitWidth, output);
                    i += run;
                }
            }
            else
            {
                if (packedStart < 0)
                    packedStart = i;
                i += run;
            }
        }
        if (packedStart >= 0)
            WritePacked(values.Slice(packedStart, n - packedStart), bitWidth, output);
    }

    private static void WriteRle(int value, int count, int bitWidth, IBufferWriter<byte> output)
    {
        WriteVarint(output, (uint)count << 1);
        int bytes = (bitWidth + 7) / 8;
        var span = output.GetSpan(bytes);
        for (int k = 0; k < bytes; k++)
            span[k] = (byte)(value >> (8 * k));
        output.Advance(bytes);
    }

    private static void WritePacked(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        int groups = (values.Length + 7) / 8;
        WriteVarint(output, ((uint)groups << 1) | 1);
        int bytes = groups * bitWidth;
        var span = output.GetSpan(bytes).Slice(0, bytes);
        span.Clear();
        ulong acc = 0;
        int accBits = 0, o = 0;
        foreach (int v in values)
        {
            acc |= (ulong)(uint)v << accBits; // accBits < 8 and width <= 32: fits in 64 bits
            accBits += bitWidth;
            while (accBits >= 8)
            {
                span[o++] = (byte)acc;
                acc >>= 8;
                accBits -= 8;
            }
        }
        if (accBits > 0)
            span[o] = (byte)acc;
        output.Advance(bytes);
    }

    private static void WriteVarint(IBufferWriter<byte> output, uint v)
    {
        var span = output.GetSpan(5);
        int n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[n++] = (byte)v;
        output.Advance(n);
    }

    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);
}
