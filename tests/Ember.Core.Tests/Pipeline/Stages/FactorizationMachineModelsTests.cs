using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class FactorizationMachineModelsTests
{
    // F = 3 features, k = 2 factors; factors row-major F×k.
    private static readonly FactorizationMachine Machine = new(0.5, SparkVector.Dense([1.0, -1.0, 2.0]),
        new SparkMatrix(3, 2, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], isTransposed: true));

    /// <summary>FMRegressor.getRawPrediction restated in the test: per factor over non-zero entries.</summary>
    private static double Expected(double[] x)
    {
        double m = 0.5 + (x[0] * 1.0 + x[1] * -1.0 + x[2] * 2.0);
        double[,] v = { { 0.1, 0.2 }, { 0.3, 0.4 }, { 0.5, 0.6 } };
        for (int f = 0; f < 2; f++)
        {
            double sum = 0, sq = 0;
            for (int j = 0; j < 3; j++)
            {
                if (x[j] == 0) continue;
                double vx = v[j, f] * x[j];
                sq += vx * vx;
                sum += vx;
            }
            m += 0.5 * (sum * sum - sq);
        }
        return m;
    }

    [Fact]
    public void FMRegression_PredictionIsTheFactorizationMargin_DenseAndSparse()
    {
        var p = Compile(null, new FMRegressionModel(Info("FMRegressionModel", "3.0.0"), "features", "prediction", Machine));
        var results = Score(p, ["prediction"], Row(("features", SparkVector.Dense([1.0, 2.0, 3.0]))), Row(("features", SparkVector.Sparse(3, [0, 2], [1.5, -2.0]))));
        Assert.Equal(Expected([1.0, 2.0, 3.0]), results[0]["prediction"]);
        Assert.Equal(Expected([1.5, 0.0, -2.0]), results[1]["prediction"]);
    }

    [Fact]
    public void FMClassification_RawIsMinusMarginMargin_P1IsSigmoid()
    {
        var p = Compile(null, new FMClassificationModel(Info("FMClassificationModel", "3.1.0"), "features", "prediction", "rawPrediction", "probability", Machine, null));
        var r = Score(p, ["rawPrediction", "probability", "prediction"], Row(("features", SparkVector.Dense([1.0, 2.0, 3.0]))))[0];
        double m = Expected([1.0, 2.0, 3.0]);
        Assert.Equal([-m, m], r.Vector("rawPrediction").Values);
        double p1 = 1.0 / (1.0 + Math.Exp(-m));
        Assert.Equal([1.0 - p1, p1], r.Vector("probability").Values);
        Assert.Equal(m > 0 ? 1.0 : 0.0, r["prediction"]);
    }

    [Fact]
    public void FMClassification_WrongFeatureSize_FailsRow()
    {
        var p = Compile(null, new FMClassificationModel(Info("FMClassificationModel", "3.1.0"), "features", "prediction", "rawPrediction", "probability", Machine, null));
        var r = Score(p, ["prediction"], Row(("features", SparkVector.Dense([1.0]))))[0];
        Assert.Equal(ErrorCode.VectorSizeMismatch, r.Error!.Code);
    }
}
