using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class Word2VecModelTests
{
    private static RowResult Embed(string?[]? sentence) =>
        Score(Compile(null, new Word2VecModel(Info("Word2VecModel", "3.5.1"), "words", "vec", 2, ["a", "b"], [0.1f, 0.2f, 1.0f, -3.0f])),
            ["vec"], Row(("words", sentence)))[0];

    [Fact]
    public void Word2Vec_Average_CountsOutOfVocabularyWords()
    {
        var v = Embed(["a", "zz", "b"]).Vector("vec");
        Assert.True(v.IsDense);
        Assert.Equal(((double)0.1f + 1.0) * (1.0 / 3), v.Values[0]);
        Assert.Equal(((double)0.2f + -3.0) * (1.0 / 3), v.Values[1]);
    }

    [Fact]
    public void Word2Vec_EmptySentence_GivesSparseZeros()
    {
        var v = Embed([]).Vector("vec");
        Assert.False(v.IsDense);
        Assert.Equal(2, v.Size);
        Assert.Empty(v.Values);
    }

    [Fact]
    public void Word2Vec_OnlyUnknownWords_GivesDenseZeros() =>
        Assert.Equal([0.0, 0.0], Embed(["x", null]).Vector("vec").Values);

    [Fact]
    public void Word2Vec_NullSentence_FailsRow() => Assert.Equal(RowState.Failed, Embed(null).State);
}
