using System.Buffers;

namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// What a ZSTD frame carries from one block to the next (RFC 8878 §3.1.1.5): the literals buffer,
/// the last Huffman table (for treeless literals), the last FSE tables (for Repeat mode) and the
/// three repeat offsets. Buffers are pooled for the length of one Decode call.
/// </summary>
internal sealed class ZstdWorkspace : IDisposable
{
    /// <summary>A block regenerates at most 128 KiB (§3.1.1.2.4), literals included.</summary>
    public const int MaxBlockSize = 128 * 1024;

    public const int LiteralLengthMaxLog = 9;
    public const int MatchLengthMaxLog = 9;
    public const int OffsetMaxLog = 8;

    public byte[] Literals { get; } = ArrayPool<byte>.Shared.Rent(MaxBlockSize);

    public ushort[] Huffman { get; } = ArrayPool<ushort>.Shared.Rent(1 << ZstdHuffman.MaxBits);

    /// <summary>Code length of the current Huffman table; 0 when the frame has none yet.</summary>
    public int HuffmanBits { get; set; }

    public ZstdSequenceTable LiteralLengths { get; } = new(1 << LiteralLengthMaxLog);

    public ZstdSequenceTable Offsets { get; } = new(1 << OffsetMaxLog);

    public ZstdSequenceTable MatchLengths { get; } = new(1 << MatchLengthMaxLog);

    public uint Rep1 { get; set; }

    public uint Rep2 { get; set; }

    public uint Rep3 { get; set; }

    /// <summary>Frames are independent: nothing carries over from the previous one.</summary>
    public void StartFrame()
    {
        HuffmanBits = 0;
        LiteralLengths.Log = -1;
        Offsets.Log = -1;
        MatchLengths.Log = -1;
        (Rep1, Rep2, Rep3) = (1, 4, 8);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Literals);
        ArrayPool<ushort>.Shared.Return(Huffman);
        LiteralLengths.Dispose();
        Offsets.Dispose();
        MatchLengths.Dispose();
    }
}

/// <summary>One of the three FSE decoding tables of the sequences section.</summary>
internal sealed class ZstdSequenceTable(int capacity) : IDisposable
{
    public uint[] Cells { get; } = ArrayPool<uint>.Shared.Rent(capacity);

    /// <summary>Accuracy log of the table in <see cref="Cells"/>; -1 before the frame defines one.</summary>
    public int Log { get; set; } = -1;

    public void Dispose() => ArrayPool<uint>.Shared.Return(Cells);
}
