using System.Buffers.Binary;

namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// Decodes Zstandard (RFC 8878) into a buffer of known size: one or more frames, skippable frames
/// skipped, blocks raw, RLE or compressed, content checksums verified. Dictionaries are refused
/// (Parquet never uses them). Every problem is a <see cref="ParquetDataException"/> naming ZSTD.
/// </summary>
internal static class ZstdDecoder
{
    private const uint FrameMagic = 0xFD2FB528;
    private const uint SkippableMagic = 0x184D2A50; // low nibble free: 0x184D2A50..0x184D2A5F
    private const int RawBlock = 0, RleBlock = 1, CompressedBlock = 2;

    /// <summary>Fills <paramref name="dst"/> exactly with the content of the frames in <paramref name="src"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (src.IsEmpty)
            ParquetThrow.Data("ZSTD data is empty (no frame)");
        int s = 0, d = 0;
        using var ws = new ZstdWorkspace();
        while (s < src.Length)
        {
            if (src.Length - s < 4)
                ParquetThrow.Data($"ZSTD data ends with {src.Length - s} stray bytes where a frame magic number should be");
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(src.Slice(s));
            if ((magic & 0xFFFFFFF0) == SkippableMagic)
            {
                if (src.Length - s < 8)
                    ParquetThrow.Data("ZSTD skippable frame header is truncated");
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(src.Slice(s + 4));
                if (size > (uint)(src.Length - s - 8))
                    ParquetThrow.Data($"ZSTD skippable frame declares {size} bytes, {src.Length - s - 8} remain");
                s += 8 + (int)size;
                continue;
            }
            if (magic != FrameMagic)
                ParquetThrow.Data($"ZSTD frame at byte {s} starts with 0x{magic:X8}, not the magic number 0x{FrameMagic:X8}");
            s = DecodeFrame(src, s + 4, dst, ref d, ws);
        }
        if (d != dst.Length)
            ParquetThrow.Data($"ZSTD data decompresses to {d} bytes, the page declares {dst.Length}");
    }

    /// <summary>Decodes one frame whose header starts at <paramref name="s"/>; returns the position after it.</summary>
    private static int DecodeFrame(ReadOnlySpan<byte> src, int s, Span<byte> dst, ref int d, ZstdWorkspace ws)
    {
        if (s >= src.Length)
            ParquetThrow.Data("ZSTD frame header is truncated");
        int descriptor = src[s++];
        int contentSizeFlag = descriptor >> 6;
        bool singleSegment = (descriptor & 0x20) != 0;
        bool hasChecksum = (descriptor & 0x04) != 0;
        int dictionaryFlag = descriptor & 3;
        if ((descriptor & 0x08) != 0)
            ParquetThrow.Data("ZSTD frame header sets its reserved bit");
        int dictionaryBytes = dictionaryFlag == 3 ? 4 : dictionaryFlag;
        int contentSizeBytes = contentSizeFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        int headerBytes = (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes;
        if (src.Length - s < headerBytes)
            ParquetThrow.Data("ZSTD frame header is truncated");

        ulong windowSize = 0;
        if (!singleSegment)
        {
            int w = src[s++];
            int windowLog = 10 + (w >> 3);
            ulong windowBase = 1UL << windowLog;
            windowSize = windowBase + (windowBase / 8) * (ulong)(w & 7);
        }
        ulong dictionaryId = ReadLittleEndian(src.Slice(s, dictionaryBytes));
        s += dictionaryBytes;
        if (dictionaryId != 0)
            ParquetThrow.Data($"ZSTD frame needs dictionary {dictionaryId}; dictionaries are not supported (Parquet does not use them)");
        long contentSize = -1;
        if (contentSizeBytes > 0)
        {
            ulong size = ReadLittleEndian(src.Slice(s, contentSizeBytes));
            s += contentSizeBytes;
            if (contentSizeBytes == 2)
                size += 256;
            if (size > (ulong)(dst.Length - d))
                ParquetThrow.Data($"ZSTD frame declares {size} content bytes, only {dst.Length - d} remain of the page's declared size");
            contentSize = (long)size;
        }
        if (singleSegment)
            windowSize = (ulong)contentSize;

        // Output is bounded by dst, so a large window costs nothing; it only caps the block size.
        int blockMax = (int)Math.Min(windowSize, ZstdWorkspace.MaxBlockSize);
        int frameStart = d;
        ws.StartFrame();
        bool last;
        do
        {
            if (src.Length - s < 3)
                ParquetThrow.Data("ZSTD block header is truncated");
            int header = src[s] | src[s + 1] << 8 | src[s + 2] << 16;
            s += 3;
            last = (header & 1) != 0;
            int type = (header >> 1) & 3;
            int size = header >> 3;
            if (size > blockMax)
                ParquetThrow.Data($"ZSTD block of {size} bytes exceeds the frame's maximum block size {blockMax}");
            switch (type)
            {
                case RawBlock:
                    if (size > src.Length - s)
                        ParquetThrow.Data($"ZSTD raw block declares {size} bytes, {src.Length - s} remain");
                    if (size > dst.Length - d)
                        ParquetThrow.Data($"ZSTD raw block writes past the page's declared {dst.Length} bytes");
                    src.Slice(s, size).CopyTo(dst.Slice(d));
                    s += size;
                    d += size;
                    break;
                case RleBlock:
                    if (s >= src.Length)
                        ParquetThrow.Data("ZSTD RLE block is truncated");
                    if (size > dst.Length - d)
                        ParquetThrow.Data($"ZSTD RLE block writes past the page's declared {dst.Length} bytes");
                    dst.Slice(d, size).Fill(src[s]);
                    s += 1;
                    d += size;
                    break;
                case CompressedBlock:
                    {
                        if (size > src.Length - s)
                            ParquetThrow.Data($"ZSTD compressed block declares {size} bytes, {src.Length - s} remain");
                        var block = src.Slice(s, size);
                        int used = ZstdLiterals.Read(block, ws, out var literals);
                        int limit = d + Math.Min(dst.Length - d, ZstdWorkspace.MaxBlockSize);
                        d = ZstdSequences.Execute(block.Slice(used), literals, ws, dst, frameStart, d, limit);
                        s += size;
                        break;
                    }
                default:
                    ParquetThrow.Data("ZSTD block has the reserved block type 3");
                    break;
            }
        }
        while (!last);

        if (contentSize >= 0 && d - frameStart != contentSize)
            ParquetThrow.Data($"ZSTD frame declares {contentSize} content bytes but holds {d - frameStart}");
        if (hasChecksum)
        {
            if (src.Length - s < 4)
                ParquetThrow.Data("ZSTD frame content checksum is truncated");
            uint expected = BinaryPrimitives.ReadUInt32LittleEndian(src.Slice(s));
            uint actual = (uint)XxHash64.Hash(dst.Slice(frameStart, d - frameStart));
            if (expected != actual)
                ParquetThrow.Data($"ZSTD frame content checksum 0x{expected:X8} does not match the content's 0x{actual:X8}");
            s += 4;
        }
        return s;
    }

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> bytes)
    {
        ulong v = 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
            v = v << 8 | bytes[i];
        return v;
    }
}
