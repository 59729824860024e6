using System.Text;
using Xunit;
using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline.Stages;

public class Murmur3Tests
{
    // Published MurmurHash3_x86_32 vectors (the reference implementation's results).
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xffffffffu, 0x81F16F39u)]
    [InlineData("aaaa", 0x9747b28cu, 0x5A97808Au)]
    [InlineData("aaa", 0x9747b28cu, 0x283E0130u)]
    [InlineData("aa", 0x9747b28cu, 0x5D211726u)]
    [InlineData("a", 0x9747b28cu, 0x7FA09EA6u)]
    [InlineData("abcd", 0x9747b28cu, 0xF0478627u)]
    [InlineData("abc", 0x9747b28cu, 0xC84A62DDu)]
    [InlineData("ab", 0x9747b28cu, 0x74875592u)]
    [InlineData("Hello, world!", 0x9747b28cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747b28cu, 0x2FA826CDu)]
    public void Murmur3_StandardTail_MatchesReferenceVectors(string text, uint seed, uint expected) =>
        Assert.Equal(expected, (uint)Murmur3.HashBytes(Encoding.UTF8.GetBytes(text), (int)seed));

    [Fact]
    public void Murmur3_FourZeroBytes_MatchesReferenceVector() =>
        Assert.Equal(0x2362F9DEu, (uint)Murmur3.HashBytes(new byte[4], 0));

    // Spark SQL's hash(int) is Murmur3_x86_32.hashInt(x, 42): hash(0) = 933211791, hash(4) = -397064898.
    [Theory]
    [InlineData(0, 933211791)]
    [InlineData(4, -397064898)]
    public void Murmur3_HashInt_MatchesSparkSqlHash(int value, int expected) =>
        Assert.Equal(expected, Murmur3.HashInt(value, 42));

    [Fact]
    public void Murmur3_HashLong_IsTwoBlocksLowWordFirst()
    {
        // hashLong(x) mixes low then high 32 bits: for a value whose high word is 0 it equals the
        // bytes hash of the 8 little-endian bytes.
        Assert.Equal(Murmur3.HashBytes(BitConverter.GetBytes(123456789L), 42), Murmur3.HashLong(123456789L, 42));
        Assert.Equal(Murmur3.HashBytes(BitConverter.GetBytes(-5L), 42), Murmur3.HashLong(-5L, 42));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("hello")]
    [InlineData("\u00e9t\u00e9")] // non-ASCII: negative bytes sign-extend in the legacy tail
    public void Murmur3_LegacyTail_DiffersFromStandardOnlyWithATail(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.NotEqual(Murmur3.HashBytes(bytes, 42), Murmur3.HashBytesLegacy(bytes, 42));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("abcdefgh")]
    public void Murmur3_LegacyTail_EqualsStandardForWholeBlocks(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(Murmur3.HashBytes(bytes, 42), Murmur3.HashBytesLegacy(bytes, 42));
    }

    [Fact]
    public void Murmur3_StringHash_UsesUtf8AndJavaReplacementForLoneSurrogates()
    {
        Assert.Equal(Murmur3.HashBytes(Encoding.UTF8.GetBytes("ünï"), 42), Murmur3.HashString("ünï", legacyTail: false));
        Assert.Equal(Murmur3.HashBytes("a?"u8, 42), Murmur3.HashString("a\uD800", legacyTail: false));
        string big = new('x', 1000);
        Assert.Equal(Murmur3.HashBytesLegacy(Encoding.UTF8.GetBytes(big), 42), Murmur3.HashString(big, legacyTail: true));
    }

    [Theory]
    [InlineData(-7, 5, 3)]
    [InlineData(7, 5, 2)]
    [InlineData(int.MinValue, 262144, 0)]
    [InlineData(-1, 65536, 65535)]
    public void Murmur3_NonNegativeMod_MovesJavaRemainderIntoRange(int x, int mod, int expected) =>
        Assert.Equal(expected, Murmur3.NonNegativeMod(x, mod));
}
