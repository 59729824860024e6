using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class CountVectorizerModelTests
{
    private static RowResult Count(string?[]? tokens, double minTF = 1.0, bool binary = false) =>
        Score(Compile(null, new CountVectorizerModel(Info("CountVectorizerModel", "3.0.0"), "tokens", "cv", ["a", "b", "c"], minTF, binary)),
            ["cv"], Row(("tokens", tokens)))[0];

    [Fact]
    public void CountVectorizer_CountsVocabularyTermsIgnoringOthers()
    {
        var v = Count(["c", "a", "zz", "c", null]).Vector("cv");
        Assert.Equal(3, v.Size);
        Assert.Equal([0, 2], v.Indices!);
        Assert.Equal([1.0, 2.0], v.Values);
    }

    [Fact]
    public void CountVectorizer_FractionalMinTF_CountsOutOfVocabularyTokens()
    {
        // 4 tokens, minTF 0.5 → threshold 2: only "c" (2) stays although 2 of the tokens are unknown.
        var v = Count(["c", "a", "zz", "c"], minTF: 0.5).Vector("cv");
        Assert.Equal([2], v.Indices!);
    }

    [Fact]
    public void CountVectorizer_AbsoluteMinTFAndBinary()
    {
        var v = Count(["a", "a", "b"], minTF: 2.0, binary: true).Vector("cv");
        Assert.Equal([0], v.Indices!);
        Assert.Equal([1.0], v.Values);
    }

    [Fact]
    public void CountVectorizer_Empty_GivesEmptySparse() => Assert.Empty(Count([]).Vector("cv").Values);

    [Fact]
    public void CountVectorizer_NullArray_FailsRow() => Assert.Equal(RowState.Failed, Count(null).State);

    [Fact]
    public void CountVectorizer_OutputSize_IsVocabularyLength() =>
        Assert.Equal(3, Compile(null, new CountVectorizerModel(Info("CountVectorizerModel", "3.0.0"), "t", "cv", ["a", "b", "c"], 1, false))
            .Columns.Single(c => c.Name == "cv").VectorSize);
}
