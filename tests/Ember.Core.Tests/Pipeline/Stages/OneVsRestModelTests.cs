using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class OneVsRestModelTests
{
    // Sub-model c scores x with margin w_c·x + b_c.
    private static LinearSVCModel Svm(int c, double w0, double w1, double b, string version) =>
        new(Info("LinearSVCModel", version, "svc" + c), "ignored", "prediction", "rawPrediction", SparkVector.Dense([w0, w1]), b, 0.0);

    private static CompiledPipeline Model(string version, string raw, params LinearSVCModel[] models) => Compile(null,
        new OneVsRestModel(Info("OneVsRestModel", version), "features", "prediction", raw, models,
            new MlAttribute(AttributeKind.Nominal, "label", models.Length)));

    [Fact]
    public void OneVsRest_RawHoldsEachSubModelMargin_PredictionIsTheBest()
    {
        var p = Model("3.5.0", "rawPrediction", Svm(0, 1, 0, 0, "3.5.0"), Svm(1, 0, 1, 0, "3.5.0"), Svm(2, -1, -1, 0.5, "3.5.0"));
        Assert.Equal(["rawPrediction", "prediction"], p.DefaultOutputs.Select(c => c.Name));
        Assert.Equal(3, p.Columns.First(c => c.Name == "prediction").Attribute!.Cardinality);
        var r = Score(p, ["rawPrediction", "prediction"], Row(("features", SparkVector.Dense([2.0, 3.0]))))[0];
        Assert.Equal([2.0, 3.0, -4.5], r.Vector("rawPrediction").Values);
        Assert.Equal(1.0, r["prediction"]);
        // The sub-models' own columns never reach the output schema.
        Assert.DoesNotContain(p.Columns, c => c.Name.StartsWith("mbc$", StringComparison.Ordinal));
    }

    [Fact]
    public void OneVsRest_TiedScores_FirstClassWins()
    {
        var p = Model("3.5.0", "", Svm(0, 1, 0, 0, "3.5.0"), Svm(1, 1, 0, 0, "3.5.0"));
        Assert.Equal(0.0, Score(p, ["prediction"], Row(("features", SparkVector.Dense([1.0, 0.0]))))[0]["prediction"]);
    }

    [Fact]
    public void OneVsRest_NaNScore_IeeeBefore4_TotalOrderFrom4()
    {
        // Class 0 reads only feature 1 (sparse coefficients) and scores 1.0; class 1 reads the NaN and scores NaN.
        // IEEE > never prefers the NaN; Scala 2.13's total order (Spark 4) puts NaN above every number.
        var x = Row(("features", SparkVector.Dense([double.NaN, 1.0])));
        LinearSVCModel First(string v) => new(Info("LinearSVCModel", v, "svc0"), "f", "prediction", "rawPrediction", SparkVector.Sparse(2, [1], [1.0]), 0.0, 0.0);
        var spark35 = Model("3.5.0", "", First("3.5.0"), Svm(1, 1, 0, 0, "3.5.0"));
        var spark40 = Model("4.0.0", "", First("4.0.0"), Svm(1, 1, 0, 0, "4.0.0"));
        Assert.Equal(0.0, Score(spark35, ["prediction"], x)[0]["prediction"]);
        Assert.Equal(1.0, Score(spark40, ["prediction"], x)[0]["prediction"]);
    }

    [Fact]
    public void ScalaHashMapOrder_UpTo4KeepsInsertion_BeyondFollowsTheHashTrie()
    {
        Assert.Equal([0, 1, 2, 3], OneVsRestTieRules.ScalaHashMapOrder(4));
        var order = OneVsRestTieRules.ScalaHashMapOrder(6);
        Assert.Equal(6, order.Distinct().Count());
        Assert.NotEqual([0, 1, 2, 3, 4, 5], order);
        Assert.Equal(OneVsRestTieRule.ScalaMapOrder, OneVsRestTieRules.For(new SparkVersion(2, 3), rawEnabled: false));
        Assert.Equal(OneVsRestTieRule.FirstMaxIeee, OneVsRestTieRules.For(new SparkVersion(2, 4), rawEnabled: true));
    }

    [Fact]
    public void OneVsRest_BothOutputsDisabled_AddsNothing()
    {
        var p = Model("3.5.0", "", Svm(0, 1, 0, 0, "3.5.0"));
        var stage = new OneVsRestModel(Info("OneVsRestModel", "3.5.0"), "features", "", "", [Svm(0, 1, 0, 0, "3.5.0")], null);
        Assert.Empty(Compile(null, stage).DefaultOutputs);
        Assert.Single(p.DefaultOutputs);
    }

    [Fact]
    public void OneVsRest_NullFeatures_FailsRowNamingTheColumn()
    {
        var r = Score(Model("3.5.0", "rawPrediction", Svm(0, 1, 0, 0, "3.5.0")), ["prediction"], Row(("features", null)))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal("features", r.Error!.Column);
    }
}
