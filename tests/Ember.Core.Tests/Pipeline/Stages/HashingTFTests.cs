using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class HashingTFTests
{
    private static RowResult Hash(object? terms, string version = "3.5.0", int n = 16, bool binary = false, SparkType? type = null)
    {
        var info = Info("HashingTF", version);
        var stage = new HashingTF(info, "terms", "tf", n, binary, HashingTF.HashFor(info.Version));
        var declared = type is null ? null : new Dictionary<string, SparkType> { ["terms"] = type };
        return Score(Compile(declared, stage), ["tf"], Row(("terms", terms)))[0];
    }

    [Fact]
    public void HashingTF_CountsRepeatsInSparseAscending()
    {
        var v = Hash(new[] { "a", "b", "a", "c", "a" }, n: 1 << 18).Vector("tf");
        Assert.False(v.IsDense);
        Assert.Equal(1 << 18, v.Size);
        Assert.True(v.Indices!.SequenceEqual(v.Indices!.Order()));
        int a = HashingTF.IndexOf("a", 1 << 18, TermHash.Murmur3);
        Assert.Equal(3.0, v[a]);
        Assert.Equal(5.0, v.Values.Sum());
    }

    [Fact]
    public void HashingTF_Binary_GivesOnes() =>
        Assert.All(Hash(new[] { "a", "a", "b" }, binary: true).Vector("tf").Values, x => Assert.Equal(1.0, x));

    [Fact]
    public void HashingTF_NullTerm_HashesToSeed() =>
        Assert.Equal([Murmur3.NonNegativeMod(42, 16)], Hash(new string?[] { null }).Vector("tf").Indices!);

    [Fact]
    public void HashingTF_EmptyArray_GivesEmptySparse()
    {
        var v = Hash(Array.Empty<string>()).Vector("tf");
        Assert.Equal(16, v.Size);
        Assert.Empty(v.Values);
    }

    [Fact]
    public void HashingTF_NullArray_FailsRow() => Assert.Equal(RowState.Failed, Hash(null).State);

    [Fact]
    public void HashingTF_SavedBySpark2_UsesLegacyTail()
    {
        Assert.Equal(TermHash.Murmur3Legacy, HashingTF.HashFor(new SparkVersion(2, 4)));
        Assert.Equal(TermHash.Murmur3, HashingTF.HashFor(new SparkVersion(3, 0)));
        int legacy = Murmur3.NonNegativeMod(Murmur3.HashString("abc", legacyTail: true), 1 << 18);
        Assert.Equal([legacy], Hash(new[] { "abc" }, version: "2.4.0", n: 1 << 18).Vector("tf").Indices!);
    }

    [Fact]
    public void HashingTF_Spark1_UsesJavaHashCode() =>
        // "abc".hashCode() = 96354; 96354 % 1000 = 354.
        Assert.Equal([354], Hash(new[] { "abc" }, version: "1.6.0", n: 1000).Vector("tf").Indices!);

    [Fact]
    public void HashingTF_IntegerTerms_UseHashInt()
    {
        var v = Hash(new[] { 0.0, 4.0 }, n: 1 << 18, type: SparkType.ArrayOf(SparkType.Int)).Vector("tf");
        int[] expected = [Murmur3.NonNegativeMod(933211791, 1 << 18), Murmur3.NonNegativeMod(-397064898, 1 << 18)];
        Assert.Equal(expected.Order().ToArray(), v.Indices!);
    }

    [Fact]
    public void HashingTF_DoubleTerms_UseHashLongOfJavaBits()
    {
        var v = Hash(new[] { 1.5 }, n: 1 << 18, type: SparkType.DoubleArray).Vector("tf");
        Assert.Equal([Murmur3.NonNegativeMod(Murmur3.HashLong(BitConverter.DoubleToInt64Bits(1.5), 42), 1 << 18)], v.Indices!);
    }

    [Fact]
    public void HashingTF_RawInput_IsDerivedAsStringArray() =>
        Assert.Equal(SparkType.StringArray, Assert.Single(Compile(null, new HashingTF(Info("HashingTF", "3.5.0"), "t", "tf", 8, false, TermHash.Murmur3)).Inputs).Type);
}
