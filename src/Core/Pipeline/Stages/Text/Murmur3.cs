using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Ember.Pipeline;

/// <summary>
/// MurmurHash3 x86_32 as Spark's org.apache.spark.unsafe.hash.Murmur3_x86_32 computes it, with the
/// term hashing of HashingTF / FeatureHasher (seed 42). Two byte-tail rules exist: the standard one
/// (hashUnsafeBytes2: up to 3 trailing bytes packed little-endian into one block) and Spark's legacy
/// one (hashUnsafeBytes: every trailing byte, sign-extended, mixed as a block of its own), which
/// HashingTF keeps for models saved by Spark 2.x.
/// </summary>
internal static class Murmur3
{
    /// <summary>The seed of HashingTF and FeatureHasher.</summary>
    public const int Seed = 42;

    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    public static int HashInt(int input, int seed) => Fmix(MixH1((uint)seed, MixK1((uint)input)), 4);

    public static int HashLong(long input, int seed)
    {
        uint h1 = MixH1((uint)seed, MixK1((uint)input));
        h1 = MixH1(h1, MixK1((uint)((ulong)input >> 32)));
        return Fmix(h1, 8);
    }

    /// <summary>Bytes with the standard tail (hashUnsafeBytes2).</summary>
    public static int HashBytes(ReadOnlySpan<byte> data, int seed)
    {
        int aligned = data.Length & ~3;
        uint h1 = HashBlocks(data[..aligned], (uint)seed);
        uint k1 = 0;
        for (int i = aligned, shift = 0; i < data.Length; i++, shift += 8)
            k1 ^= (uint)data[i] << shift;
        h1 ^= MixK1(k1);
        return Fmix(h1, data.Length);
    }

    /// <summary>Bytes with Spark's legacy tail (hashUnsafeBytes): each trailing byte is a full round.</summary>
    public static int HashBytesLegacy(ReadOnlySpan<byte> data, int seed)
    {
        int aligned = data.Length & ~3;
        uint h1 = HashBlocks(data[..aligned], (uint)seed);
        for (int i = aligned; i < data.Length; i++)
            h1 = MixH1(h1, MixK1((uint)(int)(sbyte)data[i]));
        return Fmix(h1, data.Length);
    }

    /// <summary>A string's UTF-8 bytes (Spark's UTF8String.fromString; lone surrogates become '?').</summary>
    public static int HashString(string s, bool legacyTail, int seed = Seed)
    {
        int max = Utf8.GetMaxByteCount(s.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Utf8.GetBytes(s, buffer);
            return legacyTail ? HashBytesLegacy(buffer[..n], seed) : HashBytes(buffer[..n], seed);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Spark's Utils.nonNegativeMod: Java's remainder moved into [0, mod).</summary>
    public static int NonNegativeMod(int x, int mod)
    {
        int raw = x % mod;
        return raw + (raw < 0 ? mod : 0);
    }

    // Java's String.getBytes(UTF_8) replaces unpaired surrogates with '?', as this encoder does.
    private static readonly Encoding Utf8 =
        Encoding.GetEncoding("utf-8", new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);

    private static uint HashBlocks(ReadOnlySpan<byte> blocks, uint h1)
    {
        for (int i = 0; i < blocks.Length; i += 4)
            h1 = MixH1(h1, MixK1(BinaryPrimitives.ReadUInt32LittleEndian(blocks[i..])));
        return h1;
    }

    private static uint MixK1(uint k1) => BitOperations.RotateLeft(k1 * C1, 15) * C2;

    private static uint MixH1(uint h1, uint k1) => BitOperations.RotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;

    private static int Fmix(uint h1, int length)
    {
        h1 ^= (uint)length;
        h1 ^= h1 >> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >> 16;
        return (int)h1;
    }
}
