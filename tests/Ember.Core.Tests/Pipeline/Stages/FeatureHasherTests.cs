using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class FeatureHasherTests
{
    private const int N = 1 << 18;

    private static readonly Dictionary<string, SparkType> Types = new()
    {
        ["real"] = SparkType.Double, ["bool"] = SparkType.Boolean, ["s"] = SparkType.String, ["i"] = SparkType.Int,
    };

    private static int Index(string text) => Murmur3.NonNegativeMod(Murmur3.HashString(text, legacyTail: false), N);

    private static SparkVector Hash(params (string, object?)[] row) =>
        Score(Compile(Types, new FeatureHasher(Info("FeatureHasher", "3.5.0"), ["real", "bool", "s", "i"], "features", N, ["i"])),
            ["features"], Row(row))[0].Vector("features");

    [Fact]
    public void FeatureHasher_MixedColumns_HashNameOrNameEqualsValue()
    {
        var v = Hash(("real", 2.5), ("bool", true), ("s", "foo"), ("i", 3L));
        Assert.False(v.IsDense);
        Assert.Equal(N, v.Size);
        Assert.Equal(2.5, v[Index("real")]);
        Assert.Equal(1.0, v[Index("bool=true")]);
        Assert.Equal(1.0, v[Index("s=foo")]);
        Assert.Equal(1.0, v[Index("i=3")]); // categorical numeric: Java toString of the int
        Assert.True(v.Indices!.SequenceEqual(v.Indices!.Order()));
    }

    [Fact]
    public void FeatureHasher_Nulls_AreSkippedAndZerosKept()
    {
        var v = Hash(("real", 0.0), ("bool", null), ("s", null), ("i", null));
        Assert.Equal([Index("real")], v.Indices!);
        Assert.Equal([0.0], v.Values);
    }

    [Fact]
    public void FeatureHasher_Collisions_AreSummed()
    {
        // numFeatures 1: every column lands on index 0.
        var stage = new FeatureHasher(Info("FeatureHasher", "3.5.0"), ["real", "s"], "f", 1, []);
        var v = Score(Compile(Types, stage), ["f"], Row(("real", 2.0), ("s", "x")))[0].Vector("f");
        Assert.Equal([0], v.Indices!);
        Assert.Equal([3.0], v.Values);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1.5e-4, "1.5E-4")]
    [InlineData(0.001, "0.001")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(double.NaN, "NaN")]
    public void FeatureHasher_CategoricalDouble_UsesJavaDoubleToString(double value, string expected) =>
        Assert.Equal(expected, JavaNumberFormat.FormatDouble(value));

    [Fact]
    public void FeatureHasher_CategoricalFloat_UsesJavaFloatToString() =>
        Assert.Equal("0.1", JavaNumberFormat.FormatFloat(0.1f));
}
