using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class IDFModelTests
{
    private static RowResult Weigh(SparkVector? v) =>
        Score(Compile(new Dictionary<string, SparkType> { ["tf"] = SparkType.Vector }, new IDFModel(Info("IDFModel", "3.5.0"), "tf", "tfidf", [0.5, 0.0, 2.0, 1.0])),
            ["tfidf"], Row(("tf", v)))[0];

    [Fact]
    public void IDFModel_Sparse_StaysSparseWithSameIndices()
    {
        var v = Weigh(SparkVector.Sparse(4, [1, 2], [3.0, 3.0])).Vector("tfidf");
        Assert.False(v.IsDense);
        Assert.Equal([1, 2], v.Indices!);
        Assert.Equal([0.0, 6.0], v.Values); // the explicit zero stays
    }

    [Fact]
    public void IDFModel_Dense_StaysDense()
    {
        var v = Weigh(SparkVector.Dense([2.0, 5.0, 1.0, double.NaN])).Vector("tfidf");
        Assert.True(v.IsDense);
        Assert.Equal(1.0, v.Values[0]);
        Assert.Equal(0.0, v.Values[1]);
        Assert.True(double.IsNaN(v.Values[3]));
    }

    [Fact]
    public void IDFModel_IndexBeyondIdf_FailsRow()
    {
        var r = Weigh(SparkVector.Sparse(10, [7], [1.0]));
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.VectorSizeMismatch, r.Error!.Code);
    }

    [Fact]
    public void IDFModel_NullVector_FailsRow() => Assert.Equal(RowState.Failed, Weigh(null).State);
}
