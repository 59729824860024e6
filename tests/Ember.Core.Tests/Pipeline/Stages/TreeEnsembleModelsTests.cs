using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

/// <summary>RandomForest and GBT classifiers and the three tree regressors.</summary>
public class TreeEnsembleModelsTests
{
    private static TreeNode[] Stump(double threshold, double leftPrediction, double[] leftStats, double rightPrediction, double[] rightStats) =>
    [
        TreeNode.Continuous(0, 0, threshold, 1, 2),
        TreeNode.Leaf(1, leftPrediction, leftStats),
        TreeNode.Leaf(2, rightPrediction, rightStats),
    ];

    private static Dictionary<string, object?> X(double f0) => Row(("features", SparkVector.Dense([f0])));

    private static readonly TreeOutputColumns ClassifierColumns = new("features", "prediction", "leaves", "rawPrediction", "probability");

    [Fact]
    public void RandomForestClassifier_Raw_SumsNormalizedLeafStats_SkippingZeroTrees()
    {
        var trees = TreeEnsemble.Build(
        [
            Stump(0.5, 0, [3.0, 1.0], 1, [0.0, 2.0]),
            Stump(0.5, 0, [0.0, 0.0], 1, [1.0, 1.0]),
            Stump(1.5, 1, [1.0, 4.0], 0, [2.0, 0.0]),
        ], 1, 2);
        var p = Compile(null, new RandomForestClassificationModel(Info("RandomForestClassificationModel", "3.4.0"), ClassifierColumns, trees, 2));
        var r = Score(p, ["rawPrediction", "probability", "prediction", "leaves"], X(0.0))[0];
        Assert.Equal([0.75 + 0.2, 0.25 + 0.8], r.Vector("rawPrediction").Values);
        Assert.Equal([(0.75 + 0.2) / 2.0, (0.25 + 0.8) / 2.0], r.Vector("probability").Values);
        Assert.Equal(1.0, r["prediction"]);
        Assert.Equal([0.0, 0.0, 0.0], r.Vector("leaves").Values);
        Assert.Equal([1.0, 1.0, 0.0], Score(p, ["leaves"], X(1.0))[0].Vector("leaves").Values);
    }

    [Fact]
    public void GBTClassifier_MarginIsWeightedSum_ProbabilityIsLogistic()
    {
        var trees = TreeEnsemble.Build([Stump(0.5, -1.0, [], 1.0, []), Stump(0.5, 0.5, [], -0.5, [])], 1);
        var model = new GBTClassificationModel(Info("GBTClassificationModel", "3.4.0"), ClassifierColumns, trees, [1.0, 0.1]);
        var r = Score(Compile(null, model), ["rawPrediction", "probability", "prediction"], X(0.0))[0];
        double m = Blas.DotDense([-1.0, 0.5], [1.0, 0.1], BlasFlavors.For(new SparkVersion(3, 4)));
        Assert.Equal([-m, m], r.Vector("rawPrediction").Values);
        double p0 = 1.0 / (1.0 + Math.Exp(-2.0 * -m));
        Assert.Equal([p0, 1.0 - p0], r.Vector("probability").Values);
        Assert.Equal(0.0, r["prediction"]);
        var onlyPrediction = new GBTClassificationModel(Info("GBTClassificationModel", "3.4.0"), new TreeOutputColumns("features", "prediction"), trees, [1.0, 0.1]);
        Assert.Equal(1.0, Score(Compile(null, onlyPrediction), ["prediction"], X(1.0))[0]["prediction"]);
    }

    [Fact]
    public void GBTClassifier_MarginExactlyZero_PredictsZero()
    {
        var trees = TreeEnsemble.Build([Stump(0.5, 0.0, [], 1.0, [])], 1);
        var model = new GBTClassificationModel(Info("GBTClassificationModel", "2.4.0"), new TreeOutputColumns("features", "prediction"), trees, [1.0]);
        Assert.Equal(0.0, Score(Compile(null, model), ["prediction"], X(0.0))[0]["prediction"]);
    }

    [Fact]
    public void GBTRegressor_UsesTheSavingVersionsDotProduct()
    {
        // 5 trees so the Java11 kernel (4 FMA accumulators + tail) and F2J (sequential) can round differently.
        var predictions = new[] { 0.1, 0.7, 1e16, -1e16, 0.3 };
        var weights = new[] { 1.0, 0.1, 0.1, 0.1, 0.1 };
        var trees = TreeEnsemble.Build(predictions.Select(v => Stump(0.5, v, [], 0.0, [])).ToArray(), 1);
        foreach (var (version, flavor) in new[] { ("3.1.2", BlasFlavor.F2j), ("3.5.0", BlasFlavors.For(new SparkVersion(3, 5))) })
        {
            var model = new GBTRegressionModel(Info("GBTRegressionModel", version), new TreeOutputColumns("features", "prediction"), trees, weights);
            Assert.Equal(Blas.DotDense(predictions, weights, flavor), (double)Score(Compile(null, model), ["prediction"], X(0.0))[0]["prediction"]!);
        }
    }

    [Fact]
    public void RandomForestRegressor_AveragesInTreeOrder()
    {
        var trees = TreeEnsemble.Build([Stump(0.5, 1.0, [], 2.0, []), Stump(0.5, 4.0, [], 8.0, []), Stump(9.0, 0.5, [], 0.0, [])], 1);
        var model = new RandomForestRegressionModel(Info("RandomForestRegressionModel", "3.3.0"), new TreeOutputColumns("features", "prediction", "leaves"), trees);
        var r = Score(Compile(null, model), ["prediction", "leaves"], X(1.0))[0];
        Assert.Equal((2.0 + 8.0 + 0.5) / 3, r["prediction"]);
        Assert.Equal([1.0, 1.0, 0.0], r.Vector("leaves").Values);
    }

    [Fact]
    public void DecisionTreeRegressor_Variance_FromLeafStats_OnlyWhenRequested()
    {
        var tree = TreeEnsemble.Build([Stump(0.5, 2.0, [4.0, 8.0, 20.0], 7.0, [0.0, 0.0, 0.0])], 1, 3);
        var withVariance = new DecisionTreeRegressionModel(Info("DecisionTreeRegressionModel", "3.0.0"),
            new TreeOutputColumns("features", "prediction", "leaf", VarianceCol: "variance"), tree);
        var p = Compile(null, withVariance);
        Assert.Equal(["prediction", "variance", "leaf"], p.DefaultOutputs.Select(c => c.Name));
        var r = Score(p, ["prediction", "variance", "leaf"], X(0.0))[0];
        Assert.Equal(2.0, r["prediction"]);
        Assert.Equal((20.0 - 8.0 * 8.0 / 4.0) / 4.0, r["variance"]);
        Assert.Equal(0.0, r["leaf"]);
        Assert.Equal(0.0, Score(p, ["variance"], X(1.0))[0]["variance"]);
        var plain = new DecisionTreeRegressionModel(Info("DecisionTreeRegressionModel", "2.4.0"), new TreeOutputColumns("features", "prediction"), tree);
        Assert.Equal(["prediction"], Compile(null, plain).DefaultOutputs.Select(c => c.Name));
    }

    [Fact]
    public void TreeClassifier_ThresholdsOfWrongLength_FailCompilation()
    {
        var trees = TreeEnsemble.Build([Stump(0.5, 0, [1.0, 0.0], 1, [0.0, 1.0])], 1, 2);
        var model = new RandomForestClassificationModel(Info("RandomForestClassificationModel", "3.4.0"),
            ClassifierColumns with { Thresholds = [0.5] }, trees, 2);
        Assert.Throws<PipelineCompileException>(() => Compile(null, model));
    }
}
