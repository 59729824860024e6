using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class AFTSurvivalRegressionModelTests
{
    private static AFTSurvivalRegressionModel Model(string version, string quantiles = "quantiles") =>
        new(Info("AFTSurvivalRegressionModel", version), "features", "prediction", quantiles, [0.1, 0.5, 0.9],
            SparkVector.Dense([0.5, -0.25]), 1.0, 0.8);

    [Theory]
    [InlineData("2.4.0")]
    [InlineData("3.0.0")]
    [InlineData("3.5.0")]
    public void AFT_PredictionIsExpOfMargin_QuantilesScaleIt(string version)
    {
        var model = Model(version);
        var r = Score(Compile(null, model), ["prediction", "quantiles"], Row(("features", SparkVector.Dense([2.0, 4.0]))))[0];
        double lambda = Math.Exp(2.0 * 0.5 + 4.0 * -0.25 + 1.0);
        Assert.Equal(lambda, r["prediction"]);
        var q = r.Vector("quantiles").Values;
        var factors = model.QuantileFactors();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(lambda * factors[i], q[i]);
            double p = new[] { 0.1, 0.5, 0.9 }[i];
            Assert.Equal(lambda * Math.Pow(-Math.Log(1 - p), 0.8), q[i], 12);
        }
    }

    [Fact]
    public void AFT_NoQuantilesCol_OutputsOnlyThePrediction()
    {
        var p = Compile(null, Model("3.5.0", ""));
        Assert.Equal(["prediction"], p.DefaultOutputs.Select(c => c.Name));
    }
}
