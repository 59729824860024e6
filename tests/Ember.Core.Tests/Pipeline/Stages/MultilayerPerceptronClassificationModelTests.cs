using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class MultilayerPerceptronClassificationModelTests
{
    private static readonly string[] All = ["rawPrediction", "probability", "prediction"];
    // layers [2, 2, 2]: W0 (2×2 column-major), b0, W1, b1
    private static readonly double[] Weights = [0.3, -0.7, 1.1, 0.2, 0.05, -0.1, 1.5, -2.0, -0.4, 0.9, 0.25, -0.3];

    private static MultilayerPerceptronClassificationModel Model(string version, double[]? thresholds = null, int[]? layers = null, double[]? weights = null,
        string raw = "rawPrediction", string prob = "probability") =>
        new(Info("MultilayerPerceptronClassificationModel", version), "features", "prediction", raw, prob,
            layers ?? [2, 2, 2], weights ?? Weights, thresholds);

    private static double[] Affine(double[] w, int offset, int nIn, int nOut, double[] x, bool sumFirst)
    {
        var z = new double[nOut];
        for (int o = 0; o < nOut; o++)
        {
            double b = w[offset + nIn * nOut + o];
            if (sumFirst)
            {
                // dev.ludovic.netlib Java8BLAS dgemmNN (Spark ≥ 3.2 default flavor): a·b + sum from 0.0, then + bias.
                double s = 0.0;
                for (int i = 0; i < nIn; i++)
                    s = w[offset + o + i * nOut] * x[i] + s;
                z[o] = s + b;
            }
            else
            {
                z[o] = b;
                for (int i = 0; i < nIn; i++)
                    if (x[i] != 0.0)
                        z[o] += x[i] * w[offset + o + i * nOut];
            }
        }
        return z;
    }

    private static double[] Raw(double[] x, bool sumFirst)
    {
        var h = Affine(Weights, 0, 2, 2, x, sumFirst).Select(v => 1.0 / (1.0 + Math.Exp(-v))).ToArray();
        return Affine(Weights, 6, 2, 2, h, sumFirst);
    }

    private static RowResult One(StageDefinition model, IEnumerable<string> outputs, SparkVector x) =>
        Score(Compile(null, model), outputs, Row(("features", x)))[0];

    [Theory]
    [InlineData("3.5.0", true)]
    [InlineData("3.0.1", false)]
    [InlineData("2.4.0", false)]
    public void Mlp_RawIsLastAffineLayer_ProbabilityIsSoftmax(string version, bool sumFirst)
    {
        double[] x = [0.8, -1.3];
        var r = One(Model(version), All, SparkVector.Dense(x));
        var raw = Raw(x, sumFirst);
        Assert.Equal(raw, r.Vector("rawPrediction").Values);
        double max = Math.Max(raw[0], raw[1]);
        double e0 = Math.Exp(raw[0] - max), e1 = Math.Exp(raw[1] - max);
        Assert.Equal([e0 / (e0 + e1), e1 / (e0 + e1)], r.Vector("probability").Values);
        Assert.Equal(raw[1] > raw[0] ? 1.0 : 0.0, r["prediction"]);
    }

    [Fact]
    public void Mlp_SparseFeatures_AreDensified()
    {
        var dense = One(Model("3.5.0"), All, SparkVector.Dense([0.0, 2.0]));
        var sparse = One(Model("3.5.0"), All, SparkVector.Sparse(2, [1], [2.0]));
        Assert.Equal(dense.Vector("rawPrediction").Values, sparse.Vector("rawPrediction").Values);
    }

    [Fact]
    public void Mlp_F2jAccumulatesOnBiasJavaKernelSumsThenAddsBias()
    {
        // 1e16 + 1 rounds to 1e16: F2J adds each product to the bias, the Java kernel adds 1 + 1 = 2 at once.
        double[] w = [1.0, 1.0, 1e16];
        var x = SparkVector.Dense([1.0, 1.0]);
        Assert.Equal(1e16, One(Model("3.1.1", layers: [2, 1], weights: w), ["rawPrediction"], x).Vector("rawPrediction").Values[0]);
        Assert.Equal(1e16 + 2, One(Model("3.2.0", layers: [2, 1], weights: w), ["rawPrediction"], x).Vector("rawPrediction").Values[0]);
    }

    [Fact]
    public void Mlp_Before23_OutputsOnlyPrediction()
    {
        var p = Compile(null, Model("2.2.0"));
        Assert.Equal(["prediction"], p.DefaultOutputs.Select(c => c.Name));
        double[] x = [0.8, -1.3];
        var raw = Raw(x, sumFirst: false);
        Assert.Equal(raw[1] > raw[0] ? 1.0 : 0.0, Score(p, ["prediction"], Row(("features", SparkVector.Dense(x))))[0]["prediction"]);
    }

    [Fact]
    public void Mlp_Thresholds_ApplyFromRawButNotFromFeaturesAlone()
    {
        double[] x = [0.8, -1.3];
        var raw = Raw(x, sumFirst: true);
        double argmax = raw[1] > raw[0] ? 1.0 : 0.0;
        // A zero threshold makes its class win (p / 0 = +∞) whenever p > 0.
        double[] thresholds = argmax == 1.0 ? [0.0, 1.0] : [1.0, 0.0];
        var model = Model("3.5.0", thresholds);
        Assert.Equal(1.0 - argmax, One(model, All, SparkVector.Dense(x))["prediction"]);
        // Spark's MLP predict(features) decodes argmax(softmax) and never reads thresholds.
        Assert.Equal(argmax, One(Model("3.5.0", thresholds, raw: "", prob: ""), ["prediction"], SparkVector.Dense(x))["prediction"]);
    }

    [Fact]
    public void Mlp_WeightCountMismatch_RefusedAtCompile()
    {
        var ex = Assert.Throws<PipelineCompileException>(() => Compile(null, Model("3.5.0", weights: [1.0, 2.0])));
        Assert.Contains("12 weights", ex.Message);
    }
}
