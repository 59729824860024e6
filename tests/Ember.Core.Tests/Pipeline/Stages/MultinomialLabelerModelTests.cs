using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class MultinomialLabelerModelTests
{
    private static CompiledPipeline Labeler(double threshold, params string[] labels) =>
        Compile(null, new MultinomialLabelerModel(Info("MultinomialLabeler", "2.2.0"), "features", "probabilities", "labels", threshold, labels));

    private static RowResult One(CompiledPipeline p, object? features) => Score(p, ["probabilities", "labels"], Row(("features", features)))[0];

    [Fact]
    public void MultinomialLabeler_KeepsEntriesAtOrAboveThreshold_InIndexOrder()
    {
        var r = One(Labeler(0.2, "a", "b", "c", "d"), SparkVector.Dense([0.2, 0.05, 0.5, 0.25]));
        Assert.Equal([0.2, 0.5, 0.25], (double[])r["probabilities"]!);
        Assert.Equal(new string?[] { "a", "c", "d" }, (string?[])r["labels"]!);
    }

    [Fact]
    public void MultinomialLabeler_NothingPasses_GivesEmptyArrays()
    {
        var r = One(Labeler(0.9, "a", "b"), SparkVector.Dense([0.5, 0.5]));
        Assert.Empty((double[])r["probabilities"]!);
        Assert.Empty((string?[])r["labels"]!);
    }

    [Fact]
    public void MultinomialLabeler_NaNNeverPasses()
    {
        var r = One(Labeler(double.NegativeInfinity, "a", "b"), SparkVector.Dense([double.NaN, 1.0]));
        Assert.Equal(new string?[] { "b" }, (string?[])r["labels"]!);
    }

    [Fact]
    public void MultinomialLabeler_SparseVector_ImplicitZerosPassAZeroThreshold()
    {
        var sparse = SparkVector.Sparse(4, [1, 3], [0.4, -1.0]);
        Assert.Equal(new string?[] { "b" }, (string?[])One(Labeler(0.1, "a", "b", "c", "d"), sparse)["labels"]!);
        var r = One(Labeler(0.0, "a", "b", "c", "d"), sparse);
        Assert.Equal(new string?[] { "a", "b", "c" }, (string?[])r["labels"]!);
        Assert.Equal([0.0, 0.4, 0.0], (double[])r["probabilities"]!);
    }

    [Fact]
    public void MultinomialLabeler_PassingIndexWithoutLabel_FailsTheRow()
    {
        var r = One(Labeler(0.1, "only"), SparkVector.Dense([0.5, 0.5]));
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.OutOfRange, r.Error!.Code);
        Assert.Equal("features", r.Error.Column);
        // Below the threshold an unlabeled entry is never looked up.
        Assert.Equal(new string?[] { "only" }, (string?[])One(Labeler(0.1, "only"), SparkVector.Dense([0.5, 0.0]))["labels"]!);
    }

    [Fact]
    public void MultinomialLabeler_NullVector_FailsTheRow()
    {
        var r = One(Labeler(0.1, "a"), null);
        Assert.Equal(ErrorCode.NullValue, r.Error!.Code);
    }

    [Fact]
    public void MultinomialLabeler_OutputTypes_AreArrays()
    {
        var p = Labeler(0.1, "a");
        Assert.Equal(SparkType.DoubleArray, p.Columns.Single(c => c.Name == "probabilities").Type);
        Assert.Equal(SparkType.StringArray, p.Columns.Single(c => c.Name == "labels").Type);
    }
}
