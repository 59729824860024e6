using System.IO.Compression;
using Ember.Parquet.Compression.Zstd;

namespace Ember.Parquet.Compression;

/// <summary>Decompresses and compresses page bodies for each codec Ember supports.</summary>
internal static class PageCompression
{
    public static bool CanRead(ParquetCompression codec) => codec is ParquetCompression.Uncompressed
        or ParquetCompression.Snappy or ParquetCompression.Gzip or ParquetCompression.Brotli
        or ParquetCompression.Lz4 or ParquetCompression.Lz4Raw or ParquetCompression.Zstd;

    /// <summary>Fills <paramref name="dst"/> exactly (its length is the page's declared uncompressed size).</summary>
    public static void Decompress(ParquetCompression codec, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        switch (codec)
        {
            case ParquetCompression.Uncompressed:
                if (src.Length != dst.Length)
                    ParquetThrow.Data($"uncompressed page holds {src.Length} bytes but declares {dst.Length}");
                src.CopyTo(dst);
                break;
            case ParquetCompression.Snappy:
                SnappyDecoder.Decode(src, dst);
                break;
            case ParquetCompression.Gzip:
                // GZipStream reads concatenated members one after another, as parquet-mr can write them.
                Inflate(new GZipStream(new MemoryStream(src.ToArray(), writable: false), CompressionMode.Decompress), dst, "GZIP");
                break;
            case ParquetCompression.Brotli:
                if (!BrotliDecoder.TryDecompress(src, dst, out int written) || written != dst.Length)
                    ParquetThrow.Data($"BROTLI data is corrupt or does not decompress to the declared {dst.Length} bytes");
                break;
            case ParquetCompression.Lz4Raw:
                if (Lz4Decoder.DecodeBlock(src, dst) != dst.Length)
                    ParquetThrow.Data($"LZ4_RAW block does not decompress to the declared {dst.Length} bytes");
                break;
            case ParquetCompression.Lz4:
                // parquet-mr frames LZ4 the Hadoop way; early parquet-cpp wrote raw blocks under the same codec id.
                if (!Lz4Decoder.TryDecodeHadoop(src, dst) && Lz4Decoder.DecodeBlock(src, dst) != dst.Length)
                    ParquetThrow.Data($"LZ4 data does not decompress to the declared {dst.Length} bytes");
                break;
            case ParquetCompression.Zstd:
                ZstdDecoder.Decode(src, dst);
                break;
            default:
                ParquetThrow.Data($"compression codec {Name(codec)} is not supported");
                break;
        }
    }

    private static void Inflate(Stream stream, Span<byte> dst, string codec)
    {
        using (stream)
        {
            int total = 0;
            try
            {
                while (total < dst.Length)
                {
                    int n = stream.Read(dst.Slice(total));
                    if (n == 0)
                        break;
                    total += n;
                }
                Span<byte> probe = stackalloc byte[1];
                if (total != dst.Length || stream.Read(probe) != 0)
                    ParquetThrow.Data($"{codec} data does not decompress to the declared {dst.Length} bytes");
            }
            catch (InvalidDataException ex)
            {
                ParquetThrow.Data($"{codec} data is corrupt: {ex.Message}");
            }
        }
    }

    public static string Name(ParquetCompression codec) => codec switch
    {
        ParquetCompression.Uncompressed => "UNCOMPRESSED",
        ParquetCompression.Snappy => "SNAPPY",
        ParquetCompression.Gzip => "GZIP",
        ParquetCompression.Lzo => "LZO",
        ParquetCompression.Brotli => "BROTLI",
        ParquetCompression.Lz4 => "LZ4",
        ParquetCompression.Zstd => "ZSTD",
        ParquetCompression.Lz4Raw => "LZ4_RAW",
        _ => $"#{(int)codec}",
    };

    /// <summary>Compresses a page body with one of the codecs the writer offers.</summary>
    public static byte[] Compress(ParquetCompression codec, ReadOnlySpan<byte> src)
    {
        switch (codec)
        {
            case ParquetCompression.Uncompressed:
                return src.ToArray();
            case ParquetCompression.Snappy:
                return IronSnappy.Snappy.Encode(src);
            case ParquetCompression.Gzip:
                {
                    using var ms = new MemoryStream();
                    using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                        gz.Write(src);
                    return ms.ToArray();
                }
            case ParquetCompression.Brotli:
                {
                    byte[] buffer = new byte[BrotliEncoder.GetMaxCompressedLength(src.Length)];
                    if (!BrotliEncoder.TryCompress(src, buffer, out int written, quality: 4, window: 22))
                        throw new InvalidOperationException("Brotli compression failed");
                    return buffer.AsSpan(0, written).ToArray();
                }
            default:
                throw new NotSupportedException($"the Parquet writer does not offer codec {Name(codec)}");
        }
    }
}
