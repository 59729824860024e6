using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// Reads a Zstandard backward bitstream (RFC 8878 §4.1, §4.2.2): the writer ended it with a 1 bit and
/// zero padding, so reading starts just below the highest set bit of the last byte and walks towards
/// the first byte. Bits below the start of the stream read as zeros; <see cref="Remaining"/> then turns
/// negative, which callers use to detect the end (Huffman weights) or a corrupt stream (everything else).
/// </summary>
internal ref struct BackwardBitReader
{
    private readonly ReadOnlySpan<byte> _src;
    private int _bits;

    public BackwardBitReader(ReadOnlySpan<byte> src, string what)
    {
        if (src.IsEmpty)
            ParquetThrow.Data($"ZSTD {what} bitstream is empty");
        byte last = src[^1];
        if (last == 0)
            ParquetThrow.Data($"ZSTD {what} bitstream ends in a zero byte (its padding bit is missing)");
        _src = src;
        // Streams are at most one block (128 KiB), so the bit count fits an int.
        _bits = (src.Length - 1) * 8 + BitOperations.Log2(last);
    }

    /// <summary>Bits not yet read; negative once reading went past the start of the stream.</summary>
    public readonly int Remaining => _bits;

    /// <summary>Reads <paramref name="n"/> bits (0..56) as a little-endian field.</summary>
    public uint Read(int n)
    {
        ulong v = Peek(n);
        _bits -= n;
        return (uint)v;
    }

    /// <summary>Reads up to 56 bits without consuming them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Peek(int n)
    {
        int start = _bits - n;
        if (start >= 0)
            return (Load(start >> 3) >> (start & 7)) & ((1UL << n) - 1);
        if (_bits <= 0)
            return 0;
        // Past the start: the missing low bits are zeros.
        ulong available = Load(0) & ((1UL << _bits) - 1);
        return available << -start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n) => _bits -= n;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ulong Load(int index)
    {
        if (_src.Length - index >= 8)
        {
            // In bounds by the check above; a plain unaligned load, with no slice to bounds-check.
            ulong v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_src), index));
            return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
        }
        return LoadTail(index);
    }

    private readonly ulong LoadTail(int index)
    {
        ulong v = 0;
        for (int i = _src.Length - 1; i >= index; i--)
            v = (v << 8) | _src[i];
        return v;
    }
}
