using Ember.Parquet;
using Ember.Parquet.Compression;
using Ember.Parquet.Compression.Zstd;
using Xunit;

namespace Ember.Core.Tests.Parquet;

public sealed class ZstdDecoderTests
{
    [Theory]
    [MemberData(nameof(ZstdFixtures.Names), MemberType = typeof(ZstdFixtures))]
    public void Fixture_DecodesToTheCliInput(string name)
    {
        var (size, sha) = ZstdFixtures.Expected(name);
        byte[] dst = new byte[size];
        ZstdDecoder.Decode(ZstdFixtures.Read(name), dst);
        Assert.Equal(sha, ZstdFixtures.Sha256(dst));
    }

    [Fact]
    public void Fixtures_CoverRawRleAndCompressedBlocks_AndSeveralBlocksInAFrame()
    {
        var types = ZstdFixtures.Manifest.SelectMany(m => ZstdFixtures.BlockTypes(ZstdFixtures.Read(m.Name))).ToHashSet();
        Assert.Equal([0, 1, 2], types.Order());
        Assert.True(ZstdFixtures.BlockTypes(ZstdFixtures.Read("large.l3.zst")).Count >= 2);
    }

    [Fact]
    public void PageCompression_ReadsZstd()
    {
        Assert.True(PageCompression.CanRead(ParquetCompression.Zstd));
        var (size, sha) = ZstdFixtures.Expected("mixed.l3.zst");
        byte[] dst = new byte[size];
        PageCompression.Decompress(ParquetCompression.Zstd, ZstdFixtures.Read("mixed.l3.zst"), dst);
        Assert.Equal(sha, ZstdFixtures.Sha256(dst));
    }

    [Fact]
    public void XxHash64_MatchesTheSpecificationsEmptyInputValue()
    {
        Assert.Equal(0xEF46DB3751D8E999UL, XxHash64.Hash([]));
    }

    [Fact]
    public void PredefinedTables_MatchRfc8878AppendixA()
    {
        // (state, symbol, bits, baseline) rows copied from the RFC's Appendix A.
        AssertCell(ZstdPredefined.LiteralLengths, 0, 0, 4, 0);
        AssertCell(ZstdPredefined.LiteralLengths, 2, 1, 5, 32);
        AssertCell(ZstdPredefined.LiteralLengths, 38, 25, 4, 0);
        AssertCell(ZstdPredefined.LiteralLengths, 63, 32, 6, 0);
        AssertCell(ZstdPredefined.MatchLengths, 0, 0, 6, 0);
        AssertCell(ZstdPredefined.MatchLengths, 22, 1, 4, 16);
        AssertCell(ZstdPredefined.MatchLengths, 44, 1, 4, 48);
        AssertCell(ZstdPredefined.MatchLengths, 57, 52, 6, 0);
        AssertCell(ZstdPredefined.Offsets, 1, 6, 4, 0);
        AssertCell(ZstdPredefined.Offsets, 15, 7, 4, 16);
        AssertCell(ZstdPredefined.Offsets, 20, 8, 4, 16);

        static void AssertCell(uint[] table, int state, int symbol, int bits, int baseline)
            => Assert.Equal((symbol, bits, baseline), (ZstdFse.Symbol(table[state]), ZstdFse.Bits(table[state]), ZstdFse.Baseline(table[state])));
    }

    [Fact]
    public void WrongChecksum_IsRefused()
    {
        byte[] z = ZstdFixtures.Read("text.l3.zst");
        z[^1] ^= 0x55;
        var ex = Refuse(z, ZstdFixtures.Expected("text.l3.zst").Size);
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void WrongDeclaredSize_IsRefused(int delta)
    {
        foreach (string name in new[] { "text.l3.zst", "mixed.stream.zst", "two-frames.zst" })
            Refuse(ZstdFixtures.Read(name), ZstdFixtures.Expected(name).Size + delta);
    }

    [Fact]
    public void ReservedBlockType_IsRefused()
    {
        // Single-segment frame of 5 bytes whose only block has type 3.
        var ex = Refuse([0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x05, 0x07 | 5 << 3, 0, 0], 5);
        Assert.Contains("reserved block type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DictionaryId_IsRefusedByName()
    {
        // Frame header: single segment, 1-byte dictionary id 42, 1-byte content size; then a raw block.
        var ex = Refuse([0x28, 0xB5, 0x2F, 0xFD, 0x21, 42, 0x01, 0x09, 0, 0, (byte)'x'], 1);
        Assert.Contains("dictionary 42", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameDeclaringMoreThanThePage_IsRefusedBeforeDecoding()
    {
        var ex = Refuse(ZstdFixtures.Read("large.l3.zst"), 1000);
        Assert.Contains("declares 234021 content bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F })]
    [InlineData(new byte[] { 0x29, 0xB5, 0x2F, 0xFD, 0x20, 0x00, 0x01, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x50, 0x2A, 0x4D, 0x18, 0xFF, 0x00, 0x00, 0x00 })]
    public void BadFraming_IsRefused(byte[] z) => Refuse(z, 0);

    [Theory]
    [InlineData("text.l3.zst")]
    [InlineData("mixed.l1.zst")]
    [InlineData("one.l3.zst")]
    [InlineData("repetitive.l19.zst")]
    [InlineData("skippable-then-frame.zst")]
    public void EveryTruncation_IsRefused(string name)
    {
        byte[] z = ZstdFixtures.Read(name);
        int size = ZstdFixtures.Expected(name).Size;
        for (int length = 0; length < z.Length; length++)
            Refuse(z.AsSpan(0, length).ToArray(), size);
    }

    [Theory]
    [InlineData("text.nocheck.zst")]
    [InlineData("mixed.nocheck.zst")]
    [InlineData("text.l19.zst")]
    [InlineData("one.nocheck.zst")]
    [InlineData("repetitive.nocheck.zst")]
    public void EveryByteCorruption_DecodesCorrectlyOrIsRefused(string name)
    {
        byte[] original = ZstdFixtures.Read(name);
        var (size, sha) = ZstdFixtures.Expected(name);
        byte[] dst = new byte[size];
        int refused = 0;
        foreach (byte pattern in new byte[] { 0xFF, 0x01, 0x80, 0x10 })
        {
            for (int i = 0; i < original.Length; i++)
            {
                byte[] z = (byte[])original.Clone();
                z[i] ^= pattern;
                refused += DecodesOrRefuses(z, dst, sha, MustMatch(name)) ? 0 : 1;
            }
        }
        Assert.True(refused > 0);
    }

    [Fact]
    public void RandomMutations_DecodeCorrectlyOrAreRefused()
    {
        var names = new[] { "text.nocheck.zst", "mixed.nocheck.zst", "large.l19-nocheck.zst", "text.l22.zst", "mixed.stream.zst" };
        var property = FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            string name = names[rng.Next(names.Length)];
            byte[] z = ZstdFixtures.Read(name);
            var (size, sha) = ZstdFixtures.Expected(name);
            int edits = rng.Next(1, 6);
            for (int e = 0; e < edits; e++)
                z[rng.Next(z.Length)] = (byte)rng.Next(256);
            if (rng.Next(4) == 0)
                z = z.AsSpan(0, rng.Next(z.Length)).ToArray();
            DecodesOrRefuses(z, new byte[size], sha, MustMatch(name));
            return true;
        });
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(400), property);
    }

    /// <summary>With a content checksum, damage that still decodes must have left the content intact.</summary>
    private static bool MustMatch(string name) => !name.Contains("nocheck", StringComparison.Ordinal);

    /// <summary>True when the data decodes (to the expected content if <paramref name="mustMatch"/>); false when refused with a ZSTD error.</summary>
    private static bool DecodesOrRefuses(byte[] z, byte[] dst, string sha, bool mustMatch)
    {
        try
        {
            ZstdDecoder.Decode(z, dst);
        }
        catch (ParquetDataException ex)
        {
            Assert.Contains("ZSTD", ex.Message, StringComparison.Ordinal);
            return false;
        }
        // Without a checksum a flipped literal can decode to other content of the exact size.
        if (mustMatch)
            Assert.Equal(sha, ZstdFixtures.Sha256(dst));
        return true;
    }

    private static ParquetDataException Refuse(byte[] z, int size)
    {
        var ex = Assert.Throws<ParquetDataException>(() => ZstdDecoder.Decode(z, new byte[size]));
        Assert.Contains("ZSTD", ex.Message, StringComparison.Ordinal);
        return ex;
    }
}
