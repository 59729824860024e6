using System.Buffers.Binary;
using System.Numerics;

namespace Ember.Parquet.Compression.Zstd;

/// <summary>
/// XXH64 (Yann Collet's xxHash, 64-bit variant), written from its published specification. A ZSTD
/// frame's optional content checksum is the low 32 bits of XXH64 with seed 0 over the decompressed
/// content (RFC 8878 §3.1.1). System.IO.Hashing is not a dependency of Ember.Core.
/// </summary>
internal static class XxHash64
{
    private const ulong Prime1 = 11400714785074694791UL;
    private const ulong Prime2 = 14029467366897019727UL;
    private const ulong Prime3 = 1609587929392839161UL;
    private const ulong Prime4 = 9650029242287828579UL;
    private const ulong Prime5 = 2870177450012600261UL;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        int p = 0;
        ulong acc;
        if (data.Length >= 32)
        {
            ulong v1 = seed + Prime1 + Prime2, v2 = seed + Prime2, v3 = seed, v4 = seed - Prime1;
            for (; data.Length - p >= 32; p += 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(p)));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(p + 8)));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(p + 16)));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(p + 24)));
            }
            acc = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
                + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            acc = Merge(acc, v1);
            acc = Merge(acc, v2);
            acc = Merge(acc, v3);
            acc = Merge(acc, v4);
        }
        else
        {
            acc = seed + Prime5;
        }
        acc += (ulong)data.Length;
        for (; data.Length - p >= 8; p += 8)
        {
            acc ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(p)));
            acc = BitOperations.RotateLeft(acc, 27) * Prime1 + Prime4;
        }
        if (data.Length - p >= 4)
        {
            acc ^= BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(p)) * Prime1;
            acc = BitOperations.RotateLeft(acc, 23) * Prime2 + Prime3;
            p += 4;
        }
        for (; p < data.Length; p++)
        {
            acc ^= data[p] * Prime5;
            acc = BitOperations.RotateLeft(acc, 11) * Prime1;
        }
        acc ^= acc >> 33;
        acc *= Prime2;
        acc ^= acc >> 29;
        acc *= Prime3;
        acc ^= acc >> 32;
        return acc;
    }

    private static ulong Round(ulong acc, ulong lane) => BitOperations.RotateLeft(acc + lane * Prime2, 31) * Prime1;

    private static ulong Merge(ulong acc, ulong v) => (acc ^ Round(0, v)) * Prime1 + Prime4;
}
