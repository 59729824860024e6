using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class LinearSVCModelTests
{
    private static CompiledPipeline Model(double threshold = 0.0, string raw = "rawPrediction") => Compile(null,
        new LinearSVCModel(Info("LinearSVCModel", "3.5.0"), "features", "prediction", raw, SparkVector.Dense([1.0, -2.0]), 0.5, threshold));

    [Fact]
    public void LinearSVC_RawIsMinusMarginMargin_AndNoProbabilityColumn()
    {
        var p = Model();
        Assert.Equal(["rawPrediction", "prediction"], p.DefaultOutputs.Select(c => c.Name));
        var r = Score(p, ["rawPrediction", "prediction"], Row(("features", SparkVector.Dense([3.0, 1.0]))))[0];
        Assert.Equal([-1.5, 1.5], r.Vector("rawPrediction").Values);
        Assert.Equal(1.0, r["prediction"]);
    }

    [Theory]
    [InlineData("rawPrediction")]
    [InlineData("")]
    public void LinearSVC_ThresholdAppliesToMarginWithStrictGreater(string raw)
    {
        // m = 1.5: threshold 1.5 → 0 (strict), threshold 1.4 → 1.
        Assert.Equal(0.0, Score(Model(1.5, raw), ["prediction"], Row(("features", SparkVector.Dense([3.0, 1.0]))))[0]["prediction"]);
        Assert.Equal(1.0, Score(Model(1.4, raw), ["prediction"], Row(("features", SparkVector.Sparse(2, [0, 1], [3.0, 1.0]))))[0]["prediction"]);
    }

    [Fact]
    public void LinearSVC_NullFeatures_FailsRow()
    {
        var r = Score(Model(), ["prediction"], Row(("features", null)))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal("features", r.Error!.Column);
    }
}
