using System.Text.RegularExpressions;
using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class RegexTokenizerTests
{
    private static string[] Tokenize(string text, string pattern = @"\s+", bool gaps = true, int minTokenLength = 1, bool lower = true)
    {
        var stage = new RegexTokenizer(Info("RegexTokenizer", "3.0.0"), "text", "tokens", pattern, gaps, minTokenLength, lower);
        var r = Score(Compile(null, stage), ["tokens"], Row(("text", text)))[0];
        Assert.Equal(RowState.Ok, r.State);
        return (string[])r["tokens"]!;
    }

    [Fact]
    public void RegexTokenizer_Defaults_SplitOnWhitespaceRunsAndDropEmpty()
    {
        Assert.Equal(new[] { "hello", "world" }, Tokenize("  Hello \t World  "));
        Assert.Empty(Tokenize(""));
    }

    [Fact]
    public void RegexTokenizer_MinTokenLengthZero_KeepsJavaSplitsLeadingEmpty() =>
        Assert.Equal(new[] { "", "a", "b" }, Tokenize(" a b ", minTokenLength: 0));

    [Fact]
    public void RegexTokenizer_NonWordPattern_IsAsciiLikeJava() =>
        // Java \W is [^a-zA-Z_0-9]: é and ü are separators, as in Spark.
        Assert.Equal(new[] { "caf", "m", "nchen", "x_1" }, Tokenize("Café München x_1", @"\W+"));

    [Fact]
    public void RegexTokenizer_FindAllWithMinLength_CountsUtf16Units() =>
        Assert.Equal(new[] { "abc", "\U0001F600\U0001F600" }, Tokenize("a abc \U0001F600\U0001F600", @"\S+", gaps: false, minTokenLength: 3));

    [Fact]
    public void RegexTokenizer_NoLowercase_KeepsCase() =>
        Assert.Equal(new[] { "Ab", "C" }, Tokenize("Ab,C", ",", lower: false));

    [Fact]
    public void RegexTokenizer_NullText_FailsRow()
    {
        var stage = new RegexTokenizer(Info("RegexTokenizer", "3.0.0"), "text", "tokens", @"\s+", true, 1, true);
        var r = Score(Compile(null, stage), ["tokens"], Row(("text", null)))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.NullValue, r.Error!.Code);
    }

    [Theory]
    [InlineData("a,b,,c,,", ",", new[] { "a", "b", "", "c" })]
    [InlineData(",a", ",", new[] { "", "a" })]
    [InlineData("abc", "", new[] { "a", "b", "c" })] // zero-width match at 0 gives no leading ""
    [InlineData("abc", "x", new[] { "abc" })]
    [InlineData("", ",", new[] { "" })]
    [InlineData(",,", ",", new string[0])]
    public void RegexTokenizer_Split_FollowsJavaPatternSplit(string input, string pattern, string[] expected) =>
        Assert.Equal(expected, RegexTokenizer.Split(new Regex(JavaRegex.Translate(pattern)), input));
}
