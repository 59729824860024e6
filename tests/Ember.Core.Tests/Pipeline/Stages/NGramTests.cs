using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class NGramTests
{
    private static RowResult Grams(string?[]? tokens, int n) =>
        Score(Compile(null, new NGram(Info("NGram", "3.0.0"), "tokens", "grams", n)), ["grams"], Row(("tokens", tokens)))[0];

    [Fact]
    public void NGram_Bigrams_JoinWithOneSpace() =>
        Assert.Equal(new string?[] { "a b", "b c" }, (string?[])Grams(["a", "b", "c"], 2)["grams"]!);

    [Fact]
    public void NGram_FewerTokensThanN_GivesEmpty()
    {
        Assert.Empty((string?[])Grams(["a"], 2)["grams"]!);
        Assert.Empty((string?[])Grams([], 1)["grams"]!);
    }

    [Fact]
    public void NGram_ExactlyN_GivesOneGram() =>
        Assert.Equal(new string?[] { "a b c" }, (string?[])Grams(["a", "b", "c"], 3)["grams"]!);

    [Fact]
    public void NGram_NullToken_PrintsNullAsScalaMkString() =>
        Assert.Equal(new string?[] { "a null", "null c" }, (string?[])Grams(["a", null, "c"], 2)["grams"]!);

    [Fact]
    public void NGram_NullArray_FailsRow() => Assert.Equal(RowState.Failed, Grams(null, 2).State);

    [Fact]
    public void NGram_NBelowOne_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Compile(null, new NGram(Info("NGram", "3.0.0"), "tokens", "grams", 0)));
}
