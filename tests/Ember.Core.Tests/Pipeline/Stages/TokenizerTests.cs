using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class TokenizerTests
{
    private static string[] Tokenize(object? text)
    {
        var p = Compile(null, new Tokenizer(Info("Tokenizer", "3.5.0"), "text", "tokens"));
        var r = Score(p, ["tokens"], Row(("text", text)))[0];
        Assert.Equal(RowState.Ok, r.State);
        return (string[])r["tokens"]!;
    }

    [Theory]
    [InlineData("Hello World", new[] { "hello", "world" })]
    [InlineData("a  b", new[] { "a", "", "b" })]
    [InlineData(" a", new[] { "", "a" })]
    [InlineData("a \t\n", new[] { "a" })]
    [InlineData("", new[] { "" })]
    [InlineData("a\u000Bb\fc\rd", new[] { "a", "b", "c", "d" })]
    [InlineData("a\u00A0b\u2003c", new[] { "a\u00A0b\u2003c" })] // Java's \s is ASCII only
    public void Tokenizer_SplitsLikeJavaStringSplit(string text, string[] expected) =>
        Assert.Equal(expected, Tokenize(text));

    [Fact]
    public void Tokenizer_OnlySeparators_GivesEmptyArray() => Assert.Empty(Tokenize("   "));

    [Fact]
    public void Tokenizer_LowercasesTheJavaWay()
    {
        Assert.Equal(new[] { "i\u0307stanbul" }, Tokenize("\u0130STANBUL")); // İ → i + combining dot outside tr/az
        Assert.Equal(new[] { "\u03BF\u03B4\u03BF\u03C2" }, Tokenize("\u039F\u0394\u039F\u03A3")); // final sigma
        Assert.Equal(new[] { "σ" }, Tokenize("Σ"));
        Assert.Equal(new[] { "\U00010428" }, Tokenize("\U00010400")); // supplementary (Deseret)
    }

    [Fact]
    public void Tokenizer_NullString_FailsRowNamingColumn()
    {
        var p = Compile(null, new Tokenizer(Info("Tokenizer", "3.5.0"), "text", "tokens"));
        var r = Score(p, ["tokens"], Row(("text", null)))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.NullValue, r.Error!.Code);
        Assert.Equal("text", r.Error.Column);
    }

    [Fact]
    public void Tokenizer_RawInput_IsDerivedAsString()
    {
        var p = Compile(null, new Tokenizer(Info("Tokenizer", "3.5.0"), "text", "tokens"));
        Assert.Equal(SparkType.String, Assert.Single(p.Inputs).Type);
        Assert.Equal(SparkType.StringArray, p.Columns.Single(c => c.Name == "tokens").Type);
    }
}
