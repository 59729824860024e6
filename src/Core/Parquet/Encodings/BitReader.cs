using System.Buffers.Binary;

namespace Ember.Parquet.Encodings;

/// <summary>Reads little-endian bit-packed values of up to 64 bits; bits past the data read as zero.</summary>
internal static class BitReader
{
    public static ulong Read(ReadOnlySpan<byte> data, long bitOffset, int width)
    {
        if (width == 0)
            return 0;
        int byteIndex = (int)(bitOffset >> 3);
        int shift = (int)(bitOffset & 7);
        ulong lo = Word(data, byteIndex);
        ulong value = lo >> shift;
        if (shift + width > 64)
            value |= (ulong)(byteIndex + 8 < data.Length ? data[byteIndex + 8] : 0) << (64 - shift);
        return width == 64 ? value : value & ((1UL << width) - 1);
    }

    private static ulong Word(ReadOnlySpan<byte> data, int byteIndex)
    {
        if (byteIndex + 8 <= data.Length)
            return BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(byteIndex));
        ulong word = 0;
        for (int k = 0; k < 8 && byteIndex + k < data.Length; k++)
            word |= (ulong)data[byteIndex + k] << (8 * k);
        return word;
    }
}
