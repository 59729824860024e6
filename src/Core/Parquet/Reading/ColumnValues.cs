using System.Runtime.InteropServices;

namespace Ember.Parquet.Reading;

/// <summary>
/// The decoded non-null values of one leaf column in one row group, in their physical form:
/// one typed array per physical type, and for byte arrays one byte buffer plus offsets.
/// Growth follows values actually decoded, never a length declared by the file.
/// </summary>
internal sealed class ColumnValues
{
    /// <summary>One array holds at most 2 GiB; a larger binary column chunk is refused.</summary>
    private const int MaxBinaryBytes = int.MaxValue - 64;

    public ColumnValues(ParquetPhysicalType type, int fixedWidth)
    {
        Type = type;
        FixedWidth = type == ParquetPhysicalType.Int96 ? 12 : fixedWidth;
    }

    public ParquetPhysicalType Type { get; }

    /// <summary>Bytes per value for INT96 and FIXED_LEN_BYTE_ARRAY.</summary>
    public int FixedWidth { get; }

    public int Count;
    public bool[] Bools = [];
    public int[] Ints = [];
    public long[] Longs = [];
    public float[] Floats = [];
    public double[] Doubles = [];
    public byte[] Bytes = [];
    public int ByteLength;
    public int[] Offsets = [0]; // BYTE_ARRAY: value i is Bytes[Offsets[i]..Offsets[i+1]]

    public void Clear()
    {
        Count = 0;
        ByteLength = 0;
    }

    /// <summary>Allocates room for exactly n values up front (n must already be checked against the file).</summary>
    public void Presize(int n)
    {
        switch (Type)
        {
            case ParquetPhysicalType.Boolean: Bools = new bool[n]; break;
            case ParquetPhysicalType.Int32: Ints = new int[n]; break;
            case ParquetPhysicalType.Int64: Longs = new long[n]; break;
            case ParquetPhysicalType.Float: Floats = new float[n]; break;
            case ParquetPhysicalType.Double: Doubles = new double[n]; break;
        }
    }

    public Span<bool> AppendBools(int n) => Append(ref Bools, n);
    public Span<int> AppendInts(int n) => Append(ref Ints, n);
    public Span<long> AppendLongs(int n) => Append(ref Longs, n);
    public Span<float> AppendFloats(int n) => Append(ref Floats, n);
    public Span<double> AppendDoubles(int n) => Append(ref Doubles, n);

    /// <summary>Reserves n fixed-width values (INT96, FIXED_LEN_BYTE_ARRAY) and returns their bytes.</summary>
    public Span<byte> AppendFixed(int n)
    {
        long bytes = (long)n * FixedWidth;
        var span = ReserveBytes(bytes);
        Count += n;
        return span;
    }

    public void AppendBinary(ReadOnlySpan<byte> value)
    {
        value.CopyTo(ReserveBytes(value.Length));
        EnsureOffsets(Count + 2);
        Count++;
        Offsets[Count] = ByteLength;
    }

    public ReadOnlySpan<byte> GetBinary(int i) => Type == ParquetPhysicalType.ByteArray
        ? Bytes.AsSpan(Offsets[i], Offsets[i + 1] - Offsets[i])
        : Bytes.AsSpan(i * FixedWidth, FixedWidth);

    private Span<byte> ReserveBytes(long n)
    {
        long needed = ByteLength + n;
        if (needed > MaxBinaryBytes)
            ParquetThrow.Data($"the column chunk holds more than {MaxBinaryBytes} bytes of values, beyond what one row group can be read into");
        if (needed > Bytes.Length)
            Array.Resize(ref Bytes, (int)Math.Min(MaxBinaryBytes, Math.Max(needed, Math.Max(256L, Bytes.Length * 2L))));
        var span = Bytes.AsSpan(ByteLength, (int)n);
        ByteLength = (int)needed;
        return span;
    }

    private void EnsureOffsets(int n)
    {
        if (n > Offsets.Length)
            Array.Resize(ref Offsets, Math.Max(n, Math.Max(64, Offsets.Length * 2)));
    }

    private Span<T> Append<T>(ref T[] array, int n)
    {
        int needed = checked(Count + n);
        if (needed > array.Length)
            Array.Resize(ref array, Math.Max(needed, Math.Max(64, (int)Math.Min(Array.MaxLength, array.Length * 2L))));
        var span = array.AsSpan(Count, n);
        Count = needed;
        return span;
    }

    /// <summary>Copies value <paramref name="index"/> of a dictionary onto the end of this column.</summary>
    public void AppendFrom(ColumnValues dict, ReadOnlySpan<int> indices)
    {
        int n = indices.Length;
        int size = dict.Count;
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)size)
                ParquetThrow.Data($"dictionary index {i} is outside the dictionary of {size} values");
        }
        switch (Type)
        {
            case ParquetPhysicalType.Boolean: Gather(dict.Bools, indices, AppendBools(n)); break;
            case ParquetPhysicalType.Int32: Gather(dict.Ints, indices, AppendInts(n)); break;
            case ParquetPhysicalType.Int64: Gather(dict.Longs, indices, AppendLongs(n)); break;
            case ParquetPhysicalType.Float: Gather(dict.Floats, indices, AppendFloats(n)); break;
            case ParquetPhysicalType.Double: Gather(dict.Doubles, indices, AppendDoubles(n)); break;
            case ParquetPhysicalType.ByteArray:
                foreach (int i in indices)
                    AppendBinary(dict.GetBinary(i));
                break;
            default:
                {
                    var dest = AppendFixed(n);
                    int w = FixedWidth;
                    for (int k = 0; k < n; k++)
                        dict.Bytes.AsSpan(indices[k] * w, w).CopyTo(dest.Slice(k * w, w));
                    break;
                }
        }
    }

    private static void Gather<T>(T[] source, ReadOnlySpan<int> indices, Span<T> dest)
    {
        for (int k = 0; k < dest.Length; k++)
            dest[k] = source[indices[k]];
    }
}
