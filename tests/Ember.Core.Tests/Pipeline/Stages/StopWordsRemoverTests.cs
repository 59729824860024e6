using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class StopWordsRemoverTests
{
    private static RowResult Remove(string?[]? tokens, string[] stopWords, bool caseSensitive = false, string locale = "en_US")
    {
        var stage = new StopWordsRemover(Info("StopWordsRemover", "3.5.0"), ["raw"], ["filtered"], stopWords, caseSensitive, locale);
        return Score(Compile(null, stage), ["filtered"], Row(("raw", tokens)))[0];
    }

    [Fact]
    public void StopWordsRemover_CaseInsensitive_RemovesAnyCaseKeepsOrderAndNulls()
    {
        var r = Remove(["I", "saw", null, "THE", "red", "the"], ["the", "i"]);
        Assert.Equal(new string?[] { "saw", null, "red" }, (string?[])r["filtered"]!);
    }

    [Fact]
    public void StopWordsRemover_CaseSensitive_RemovesExactOnly() =>
        Assert.Equal(new string?[] { "The" }, (string?[])Remove(["The", "the"], ["the"], caseSensitive: true)["filtered"]!);

    [Fact]
    public void StopWordsRemover_EmptyArray_GivesEmptyArray() =>
        Assert.Empty((string?[])Remove([], ["a"])["filtered"]!);

    [Fact]
    public void StopWordsRemover_NullArray_FailsRow()
    {
        var r = Remove(null, ["a"]);
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal("raw", r.Error!.Column);
    }

    [Fact]
    public void StopWordsRemover_TurkishLocale_LowercasesDotlessI()
    {
        // "I" lowercases to "ı" under tr, so it matches the stop word "ı" but not "i".
        Assert.Empty((string?[])Remove(["I"], ["ı"], locale: "tr")["filtered"]!);
        Assert.Single((string?[])Remove(["I"], ["i"], locale: "tr")["filtered"]!);
        // "tr_TR" is not language "tr" for Java's new Locale(String): default rules.
        Assert.Empty((string?[])Remove(["I"], ["i"], locale: "tr_TR")["filtered"]!);
    }

    [Fact]
    public void StopWordsRemover_MultipleColumns_FiltersEachPair()
    {
        var stage = new StopWordsRemover(Info("StopWordsRemover", "3.0.0"), ["a", "b"], ["fa", "fb"], ["x"], false, "en_US");
        var r = Score(Compile(null, stage), ["fa", "fb"], Row(("a", new[] { "x", "y" }), ("b", new[] { "X" })))[0];
        Assert.Equal(new string?[] { "y" }, (string?[])r["fa"]!);
        Assert.Empty((string?[])r["fb"]!);
    }

    [Fact]
    public void StopWordsRemover_BuiltInEnglish_ChangedIn22()
    {
        Assert.Equal(153, StopWordLists.EnglishFor(new SparkVersion(2, 1))!.Length);
        Assert.Contains("ll", StopWordLists.EnglishFor(new SparkVersion(2, 1))!);
        Assert.Equal(181, StopWordLists.EnglishFor(new SparkVersion(2, 3))!.Length);
        Assert.Contains("i'll", StopWordLists.EnglishFor(new SparkVersion(2, 2))!);
        Assert.Null(StopWordLists.EnglishFor(new SparkVersion(1, 6)));
    }
}
