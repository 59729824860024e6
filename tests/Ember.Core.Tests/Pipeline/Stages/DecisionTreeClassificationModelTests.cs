using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class DecisionTreeClassificationModelTests
{
    private static CompiledPipeline Model(string version, TreeOutputColumns? columns = null, TreeNode[]? nodes = null) => Compile(null,
        new DecisionTreeClassificationModel(Info("DecisionTreeClassificationModel", version),
            columns ?? new TreeOutputColumns("features", "prediction", "leaf", "rawPrediction", "probability"),
            TreeEnsemble.Build([nodes ?? TreeEnsembleTests.SmallTree([0.0, 2.0])], 2, 2), 2));

    private static Dictionary<string, object?> X(double f0, double f1) => Row(("features", SparkVector.Dense([f0, f1])));

    [Fact]
    public void DecisionTreeClassifier_Raw_IsLeafStats_ProbabilityNormalized_LeafIndexPreOrder()
    {
        var r = Score(Model("3.5.0"), ["rawPrediction", "probability", "prediction", "leaf"], X(0.0, 1.0))[0];
        Assert.Equal([1.0, 3.0], r.Vector("rawPrediction").Values);
        Assert.Equal([0.25, 0.75], r.Vector("probability").Values);
        Assert.Equal(1.0, r["prediction"]);
        Assert.Equal(1.0, r["leaf"]);
        Assert.Equal(2.0, Score(Model("3.5.0"), ["leaf"], X(5.0, 0.0))[0]["leaf"]);
    }

    [Fact]
    public void DecisionTreeClassifier_OnlyPrediction_UsesTheLeafPrediction()
    {
        // The leaf's saved prediction (1.0) disagrees with argmax of its stats [3, 1]: Spark's predict returns the leaf's.
        TreeNode[] nodes = [TreeNode.Continuous(0, 0, 0.0, 1, 2), TreeNode.Leaf(1, 1.0, 3.0, 1.0), TreeNode.Leaf(2, 0.0, 0.0, 1.0)];
        var onlyPrediction = Model("3.5.0", new TreeOutputColumns("features", "prediction"), nodes);
        Assert.Equal(1.0, Score(onlyPrediction, ["prediction"], X(0.0, 0.0))[0]["prediction"]);
        Assert.Equal(0.0, Score(Model("3.5.0", null, nodes), ["prediction"], X(0.0, 0.0))[0]["prediction"]);
    }

    [Fact]
    public void DecisionTreeClassifier_AllZeroStats_FailsIn3x_StaysZeroIn2x()
    {
        TreeNode[] nodes = [TreeNode.Continuous(0, 0, 0.0, 1, 2), TreeNode.Leaf(1, 0.0, 0.0, 0.0), TreeNode.Leaf(2, 1.0, 0.0, 1.0)];
        var r3 = Score(Model("3.0.0", null, nodes), ["probability"], X(0.0, 0.0))[0];
        Assert.Equal(RowState.Failed, r3.State);
        Assert.Equal("features", r3.Error!.Column);
        var r2 = Score(Model("2.4.0", null, nodes), ["probability"], X(0.0, 0.0))[0];
        Assert.Equal([0.0, 0.0], r2.Vector("probability").Values);
    }

    [Fact]
    public void DecisionTreeClassifier_Thresholds_ScaleProbabilities()
    {
        var columns = new TreeOutputColumns("features", "prediction", "", "rawPrediction", "probability", Thresholds: [0.1, 0.9]);
        var r = Score(Model("3.5.0", columns), ["prediction"], X(0.0, 1.0))[0];
        Assert.Equal(0.0, r["prediction"]); // 0.25/0.1 > 0.75/0.9
    }

    [Fact]
    public void DecisionTreeClassifier_SparseFeatures_MatchDense()
    {
        var p = Model("3.5.0");
        var dense = Score(p, ["rawPrediction", "leaf"], X(0.0, 4.0))[0];
        var sparse = Score(p, ["rawPrediction", "leaf"], Row(("features", SparkVector.Sparse(2, [1], [4.0]))))[0];
        Assert.Equal(dense.Vector("rawPrediction").Values, sparse.Vector("rawPrediction").Values);
        Assert.Equal(dense["leaf"], sparse["leaf"]);
    }

    [Fact]
    public void DecisionTreeClassifier_NullOrWrongSizeFeatures_FailRow()
    {
        var p = Model("3.5.0");
        Assert.Equal(ErrorCode.NullValue, Score(p, ["prediction"], Row(("features", null)))[0].Error!.Code);
        Assert.Equal(ErrorCode.VectorSizeMismatch, Score(p, ["prediction"], Row(("features", SparkVector.Dense([1.0]))))[0].Error!.Code);
    }
}
