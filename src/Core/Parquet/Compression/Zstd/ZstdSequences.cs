namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// The sequences section of a compressed block (RFC 8878 §3.1.1.3.2) and its execution (§3.1.1.4):
/// each sequence copies literals, then a match from earlier output in the same frame.
/// </summary>
internal static class ZstdSequences
{
    private const int Predefined = 0, Rle = 1, FseCompressed = 2, Repeat = 3;
    private const int LiteralLengthMaxSymbol = 35, MatchLengthMaxSymbol = 52;

    /// <summary>Offset codes above 31 would describe offsets beyond 32 bits.</summary>
    private const int OffsetMaxSymbol = 31;

    /// <summary>
    /// Decodes and executes the sequences in <paramref name="section"/>, writing at <paramref name="d"/>
    /// and never at or past <paramref name="limit"/>; returns the new output position.
    /// </summary>
    public static int Execute(ReadOnlySpan<byte> section, ReadOnlySpan<byte> literals, ZstdWorkspace ws,
        Span<byte> dst, int frameStart, int d, int limit)
    {
        if (section.IsEmpty)
            ParquetThrow.Data("ZSTD sequences section is missing");
        int p = 0;
        int count = section[p++];
        if (count >= 128)
        {
            if (count < 255)
            {
                Need(section, p + 1);
                count = ((count - 128) << 8) + section[p++];
            }
            else
            {
                Need(section, p + 2);
                count = section[p] + (section[p + 1] << 8) + 0x7F00;
                p += 2;
            }
        }
        if (count == 0)
        {
            if (p != section.Length)
                ParquetThrow.Data("ZSTD block has bytes after an empty sequences section");
            return CopyLiterals(literals, dst, d, limit);
        }

        Need(section, p + 1);
        int modes = section[p++];
        if ((modes & 3) != 0)
            ParquetThrow.Data("ZSTD sequences section sets its reserved mode bits");
        p += ReadTable(section.Slice(p), (modes >> 6) & 3, ws.LiteralLengths, ZstdPredefined.LiteralLengths, ZstdPredefined.LiteralLengthLog,
            LiteralLengthMaxSymbol, ZstdWorkspace.LiteralLengthMaxLog, "literal lengths");
        p += ReadTable(section.Slice(p), (modes >> 4) & 3, ws.Offsets, ZstdPredefined.Offsets, ZstdPredefined.OffsetLog,
            OffsetMaxSymbol, ZstdWorkspace.OffsetMaxLog, "offsets");
        p += ReadTable(section.Slice(p), (modes >> 2) & 3, ws.MatchLengths, ZstdPredefined.MatchLengths, ZstdPredefined.MatchLengthLog,
            MatchLengthMaxSymbol, ZstdWorkspace.MatchLengthMaxLog, "match lengths");

        ReadOnlySpan<uint> llTable = ws.LiteralLengths.Cells.AsSpan(0, 1 << ws.LiteralLengths.Log);
        ReadOnlySpan<uint> ofTable = ws.Offsets.Cells.AsSpan(0, 1 << ws.Offsets.Log);
        ReadOnlySpan<uint> mlTable = ws.MatchLengths.Cells.AsSpan(0, 1 << ws.MatchLengths.Log);
        ReadOnlySpan<int> llBase = ZstdPredefined.LiteralLengthBaselines, llExtra = ZstdPredefined.LiteralLengthExtraBits;
        ReadOnlySpan<int> mlBase = ZstdPredefined.MatchLengthBaselines, mlExtra = ZstdPredefined.MatchLengthExtraBits;

        var bits = new BackwardBitReader(section.Slice(p), "sequences");
        int llState = (int)bits.Read(ws.LiteralLengths.Log);
        int ofState = (int)bits.Read(ws.Offsets.Log);
        int mlState = (int)bits.Read(ws.MatchLengths.Log);
        uint rep1 = ws.Rep1, rep2 = ws.Rep2, rep3 = ws.Rep3;
        int lit = 0;
        for (int i = 0; i < count; i++)
        {
            uint llCell = llTable[llState], ofCell = ofTable[ofState], mlCell = mlTable[mlState];
            // Extra bits come offset first, then match length, then literal length (§3.1.1.3.2.1).
            int ofCode = ZstdFse.Symbol(ofCell);
            uint offsetValue = (1u << ofCode) + bits.Read(ofCode);
            int mlCode = ZstdFse.Symbol(mlCell);
            int matchLength = mlBase[mlCode] + (int)bits.Read(mlExtra[mlCode]);
            int llCode = ZstdFse.Symbol(llCell);
            int literalLength = llBase[llCode] + (int)bits.Read(llExtra[llCode]);
            if (i != count - 1)
            {
                // States update in the order literal length, match length, offset.
                llState = ZstdFse.Baseline(llCell) + (int)bits.Read(ZstdFse.Bits(llCell));
                mlState = ZstdFse.Baseline(mlCell) + (int)bits.Read(ZstdFse.Bits(mlCell));
                ofState = ZstdFse.Baseline(ofCell) + (int)bits.Read(ZstdFse.Bits(ofCell));
            }

            uint offset;
            if (offsetValue > 3)
            {
                offset = offsetValue - 3;
                (rep3, rep2, rep1) = (rep2, rep1, offset);
            }
            else
            {
                // With no literals before the match, repeat offset 1 would be pointless, so the
                // codes shift by one and code 3 means "repeat offset 1 minus one" (§3.1.1.5).
                int index = (int)offsetValue - 1 + (literalLength == 0 ? 1 : 0);
                switch (index)
                {
                    case 0:
                        offset = rep1;
                        break;
                    case 1:
                        offset = rep2;
                        (rep2, rep1) = (rep1, offset);
                        break;
                    case 2:
                        offset = rep3;
                        (rep3, rep2, rep1) = (rep2, rep1, offset);
                        break;
                    default:
                        offset = rep1 - 1;
                        if (offset == 0)
                            ParquetThrow.Data("ZSTD sequence repeats offset 1 minus one, which is zero");
                        (rep3, rep2, rep1) = (rep2, rep1, offset);
                        break;
                }
            }

            if (literalLength > literals.Length - lit)
                ParquetThrow.Data($"ZSTD sequence {i} copies {literalLength} literals, {literals.Length - lit} remain");
            if (literalLength > limit - d)
                ParquetThrow.Data($"ZSTD sequence {i} writes past the end of the block or the declared output size");
            literals.Slice(lit, literalLength).CopyTo(dst.Slice(d));
            lit += literalLength;
            d += literalLength;
            if (matchLength > limit - d)
                ParquetThrow.Data($"ZSTD sequence {i} match of {matchLength} bytes writes past the end of the block or the declared output size");
            if (offset > (uint)(d - frameStart))
                ParquetThrow.Data($"ZSTD sequence {i} offset {offset} reaches before the start of the frame ({d - frameStart} bytes decoded)");
            SnappyDecoder.CopyMatch(dst, d, (int)offset, matchLength);
            d += matchLength;
        }
        if (bits.Remaining != 0)
            ParquetThrow.Data($"ZSTD sequences bitstream does not end where its {count} sequences do");
        (ws.Rep1, ws.Rep2, ws.Rep3) = (rep1, rep2, rep3);
        return CopyLiterals(literals.Slice(lit), dst, d, limit);
    }

    private static int CopyLiterals(ReadOnlySpan<byte> literals, Span<byte> dst, int d, int limit)
    {
        if (literals.Length > limit - d)
            ParquetThrow.Data("ZSTD literals write past the end of the block or the declared output size");
        literals.CopyTo(dst.Slice(d));
        return d + literals.Length;
    }

    /// <summary>Sets up one decoding table by its compression mode (§3.1.1.3.2.2); returns the bytes used.</summary>
    private static int ReadTable(ReadOnlySpan<byte> src, int mode, ZstdSequenceTable table, ReadOnlySpan<uint> predefined, int predefinedLog,
        int maxSymbol, int maxLog, string what)
    {
        switch (mode)
        {
            case Predefined:
                predefined.CopyTo(table.Cells);
                table.Log = predefinedLog;
                return 0;
            case Rle:
                Need(src, 1);
                if (src[0] > maxSymbol)
                    ParquetThrow.Data($"ZSTD {what} RLE symbol {src[0]} exceeds {maxSymbol}");
                table.Cells[0] = src[0]; // zero bits to read, baseline 0: the state stays 0
                table.Log = 0;
                return 1;
            case FseCompressed:
                {
                    Span<short> counts = stackalloc short[MatchLengthMaxSymbol + 1];
                    int used = ZstdFse.ReadDistribution(src, maxSymbol, maxLog, counts, out int symbols, out int log);
                    ZstdFse.BuildTable(counts.Slice(0, symbols), log, table.Cells);
                    table.Log = log;
                    return used;
                }
            default:
                if (table.Log < 0)
                    ParquetThrow.Data($"ZSTD {what} repeat the previous table, but the frame has none yet");
                return 0;
        }
    }

    private static void Need(ReadOnlySpan<byte> section, int n)
    {
        if (section.Length < n)
            ParquetThrow.Data("ZSTD sequences section header is truncated");
    }
}
