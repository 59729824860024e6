using System.Buffers.Binary;

namespace Ember.Parquet.Compression;

/// <summary>
/// Decodes a raw Snappy block straight into the page buffer (IronSnappy only returns new arrays).
/// Every literal and copy is checked against the input and the declared output.
/// </summary>
internal static class SnappyDecoder
{
    public static void Decode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int s = 0;
        ulong declared = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (s >= src.Length || shift > 28)
                ParquetThrow.Data("SNAPPY block length header is truncated or too long");
            byte b = src[s++];
            declared |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (declared != (ulong)dst.Length)
            ParquetThrow.Data($"SNAPPY block decompresses to {declared} bytes, but the page header says {dst.Length}");
        int d = 0;
        while (s < src.Length)
        {
            byte tag = src[s++];
            int length, offset;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        int extra = length - 59;
                        if (src.Length - s < extra)
                            ParquetThrow.Data("SNAPPY literal length is truncated");
                        length = 0;
                        for (int i = 0; i < extra; i++)
                            length |= src[s + i] << (8 * i);
                        s += extra;
                        if (length < 0)
                            ParquetThrow.Data("SNAPPY literal length overflows");
                    }
                    length += 1;
                    if (length > src.Length - s || length > dst.Length - d)
                        ParquetThrow.Data("SNAPPY literal runs past the end of its input or output");
                    src.Slice(s, length).CopyTo(dst.Slice(d));
                    s += length;
                    d += length;
                    continue;
                case 1:
                    if (s >= src.Length)
                        ParquetThrow.Data("SNAPPY copy is truncated");
                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | src[s++];
                    break;
                case 2:
                    if (src.Length - s < 2)
                        ParquetThrow.Data("SNAPPY copy is truncated");
                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(src.Slice(s));
                    s += 2;
                    break;
                default:
                    if (src.Length - s < 4)
                        ParquetThrow.Data("SNAPPY copy is truncated");
                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadInt32LittleEndian(src.Slice(s));
                    s += 4;
                    break;
            }
            if (offset <= 0 || offset > d || length > dst.Length - d)
                ParquetThrow.Data($"SNAPPY copy (offset {offset}, length {length}) reaches outside the output");
            CopyMatch(dst, d, offset, length);
            d += length;
        }
        if (d != dst.Length)
            ParquetThrow.Data($"SNAPPY block produced {d} bytes, the page header says {dst.Length}");
    }

    /// <summary>Copies a back-reference; overlapping copies (offset &lt; length) repeat the pattern.</summary>
    internal static void CopyMatch(Span<byte> dst, int d, int offset, int length)
    {
        if (offset >= length)
        {
            dst.Slice(d - offset, length).CopyTo(dst.Slice(d));
            return;
        }
        for (int i = 0; i < length; i++)
            dst[d + i] = dst[d - offset + i];
    }
}
