namespace Ember.Parquet.Compression.Zstd;

/// <summary>The literals section of a compressed block (RFC 8878 §3.1.1.3.1).</summary>
internal static class ZstdLiterals
{
    private const int Raw = 0, Rle = 1, Compressed = 2, Treeless = 3;

    /// <summary>Reads the literals section at the start of <paramref name="block"/>; returns the bytes it occupies.</summary>
    public static int Read(ReadOnlySpan<byte> block, ZstdWorkspace ws, out ReadOnlySpan<byte> literals)
    {
        if (block.IsEmpty)
            ParquetThrow.Data("ZSTD compressed block is empty (no literals section)");
        int b0 = block[0];
        int type = b0 & 3, sizeFormat = (b0 >> 2) & 3;
        if (type is Raw or Rle)
        {
            int header, size;
            switch (sizeFormat)
            {
                case 1:
                    header = 2;
                    Need(block, header);
                    size = (b0 >> 4) | block[1] << 4;
                    break;
                case 3:
                    header = 3;
                    Need(block, header);
                    size = (b0 >> 4) | block[1] << 4 | block[2] << 12;
                    break;
                default:
                    header = 1;
                    size = b0 >> 3;
                    break;
            }
            CheckSize(size);
            if (type == Raw)
            {
                if (size > block.Length - header)
                    ParquetThrow.Data($"ZSTD raw literals declare {size} bytes, the block holds {block.Length - header}");
                literals = block.Slice(header, size);
                return header + size;
            }
            Need(block, header + 1);
            ws.Literals.AsSpan(0, size).Fill(block[header]);
            literals = ws.Literals.AsSpan(0, size);
            return header + 1;
        }

        int headerSize = sizeFormat switch { 0 or 1 => 3, 2 => 4, _ => 5 };
        Need(block, headerSize);
        ulong h = 0;
        for (int i = headerSize - 1; i >= 0; i--)
            h = h << 8 | block[i];
        int fieldBits = sizeFormat switch { 0 or 1 => 10, 2 => 14, _ => 18 };
        int mask = (1 << fieldBits) - 1;
        int regenerated = (int)(h >> 4) & mask;
        int compressed = (int)(h >> (4 + fieldBits)) & mask;
        CheckSize(regenerated);
        if (compressed > block.Length - headerSize)
            ParquetThrow.Data($"ZSTD compressed literals declare {compressed} bytes, the block holds {block.Length - headerSize}");
        var body = block.Slice(headerSize, compressed);
        if (type == Compressed)
        {
            int tree = ZstdHuffman.ReadTable(body, ws.Huffman, out int maxBits);
            ws.HuffmanBits = maxBits;
            body = body.Slice(tree);
        }
        else if (ws.HuffmanBits == 0)
        {
            ParquetThrow.Data("ZSTD treeless literals come before any Huffman table in the frame");
        }
        var output = ws.Literals.AsSpan(0, regenerated);
        if (sizeFormat == 0)
            ZstdHuffman.DecodeStream(body, ws.Huffman, ws.HuffmanBits, output);
        else
            DecodeFourStreams(body, ws, output);
        literals = output;
        return headerSize + compressed;
    }

    /// <summary>Four streams behind a jump table of three little-endian 16-bit sizes (§3.1.1.3.1.6).</summary>
    private static void DecodeFourStreams(ReadOnlySpan<byte> body, ZstdWorkspace ws, Span<byte> output)
    {
        if (body.Length < 6)
            ParquetThrow.Data("ZSTD literals jump table is truncated");
        int s1 = body[0] | body[1] << 8, s2 = body[2] | body[3] << 8, s3 = body[4] | body[5] << 8;
        int s4 = body.Length - 6 - s1 - s2 - s3;
        if (s4 < 0)
            ParquetThrow.Data("ZSTD literals jump table points past the literals section");
        int segment = (output.Length + 3) / 4;
        int last = output.Length - 3 * segment;
        if (last < 0)
            ParquetThrow.Data($"ZSTD literals of {output.Length} bytes cannot be split into four streams");
        var streams = body.Slice(6);
        ZstdHuffman.DecodeFourStreams(streams.Slice(0, s1), streams.Slice(s1, s2), streams.Slice(s1 + s2, s3), streams.Slice(s1 + s2 + s3, s4),
            ws.Huffman, ws.HuffmanBits, output, segment);
    }

    private static void CheckSize(int size)
    {
        if (size > ZstdWorkspace.MaxBlockSize)
            ParquetThrow.Data($"ZSTD literals of {size} bytes exceed the 128 KiB block maximum");
    }

    private static void Need(ReadOnlySpan<byte> block, int n)
    {
        if (block.Length < n)
            ParquetThrow.Data("ZSTD literals section header is truncated");
    }
}
