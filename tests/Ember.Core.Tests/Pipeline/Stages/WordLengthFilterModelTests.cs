using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class WordLengthFilterModelTests
{
    private static RowResult Filter(string?[]? words, int length = 3) =>
        Score(Compile(null, new WordLengthFilterModel(Info("WordLengthFilter", "2.2.0"), "words", "filtered", length)), ["filtered"],
            Row(("words", words)))[0];

    [Fact]
    public void WordLengthFilter_KeepsLetterOnlyWordsLongerThanLength()
    {
        var r = Filter(["alice", "was", "tired", "'i", "it,", "rabbit.", "four", "abc", "naïve", "x2yz"]);
        Assert.Equal(new string?[] { "alice", "tired", "four", "naïve" }, (string?[])r["filtered"]!);
    }

    [Fact]
    public void WordLengthFilter_EmptyListAndEmptyToken_GiveEmptyList()
    {
        Assert.Empty((string?[])Filter([])["filtered"]!);
        Assert.Empty((string?[])Filter([""], length: 0)["filtered"]!);
    }

    [Fact]
    public void WordLengthFilter_LengthZero_KeepsEveryNonEmptyLetterWord() =>
        Assert.Equal(new string?[] { "a", "bc" }, (string?[])Filter(["a", "bc", "1"], length: 0)["filtered"]!);

    [Fact]
    public void WordLengthFilter_NullArrayOrToken_FailsTheRow()
    {
        Assert.Equal(ErrorCode.NullValue, Filter(null).Error!.Code);
        var r = Filter(["alice", null]);
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal("words", r.Error!.Column);
        Assert.Contains("token 1", r.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WordLengthFilter_NonBmpLetter_IsNotALetterPerUtf16Unit() =>
        Assert.Empty((string?[])Filter(["abcd\U0001D400"])["filtered"]!);
}
