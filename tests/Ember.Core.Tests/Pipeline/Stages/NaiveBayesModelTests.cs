using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class NaiveBayesModelTests
{
    private static readonly string[] All = ["rawPrediction", "probability", "prediction"];
    private static readonly double[] Pi = [Math.Log(0.4), Math.Log(0.6)];
    // log likelihoods, row-major K × F = 2 × 3
    private static readonly double[] Theta = [Math.Log(0.2), Math.Log(0.3), Math.Log(0.5), Math.Log(0.6), Math.Log(0.1), Math.Log(0.3)];

    private static NaiveBayesModel Model(string version, string type, SparkMatrix? theta = null, SparkMatrix? sigma = null, double[]? thresholds = null) =>
        new(Info("NaiveBayesModel", version), "features", "prediction", "rawPrediction", "probability", type,
            SparkVector.Dense(Pi), theta ?? new SparkMatrix(2, 3, Theta, true), sigma, thresholds);

    private static RowResult One(StageDefinition model, IEnumerable<string> outputs, SparkVector x) =>
        Score(Compile(null, model), outputs, Row(("features", x)))[0];

    private static double Dot(int row, double[] x, Func<double, double>? f = null)
    {
        double s = 0.0;
        for (int j = 0; j < 3; j++)
            s += (f ?? (v => v))(Theta[row * 3 + j]) * x[j];
        return s;
    }

    [Fact]
    public void NaiveBayes_Multinomial_RawIsPiPlusThetaTimesXAndProbabilitySoftmax()
    {
        double[] x = [1.0, 0.0, 2.0];
        var r = One(Model("3.5.0", "multinomial"), All, SparkVector.Dense(x));
        double[] raw = [Dot(0, x) + Pi[0], Dot(1, x) + Pi[1]];
        Assert.Equal(raw, r.Vector("rawPrediction").Values);
        double max = Math.Max(raw[0], raw[1]);
        double e0 = Math.Exp(raw[0] - max), e1 = Math.Exp(raw[1] - max);
        Assert.Equal([e0 / (e0 + e1), e1 / (e0 + e1)], r.Vector("probability").Values);
        Assert.Equal(raw[1] > raw[0] ? 1.0 : 0.0, r["prediction"]);
    }

    [Fact]
    public void NaiveBayes_MultinomialSparseAndDense_Agree()
    {
        var dense = One(Model("3.2.0", "multinomial"), All, SparkVector.Dense([0.0, 3.0, 0.0]));
        var sparse = One(Model("3.2.0", "multinomial"), All, SparkVector.Sparse(3, [1], [3.0]));
        Assert.Equal(dense.Vector("rawPrediction").Values, sparse.Vector("rawPrediction").Values);
    }

    [Fact]
    public void NaiveBayes_MultinomialNegativeValue_FailsRowNamingFeatures()
    {
        var r = One(Model("3.0.0", "multinomial"), All, SparkVector.Dense([1.0, -2.0, 0.0]));
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.InvalidValue, r.Error!.Code);
        Assert.Equal("features", r.Error.Column);
        Assert.Contains("-2", r.Error.Value);
        Assert.Contains("index 1", r.Error.Value);
    }

    [Fact]
    public void NaiveBayes_MultinomialNegativeValueIn24_IsScored()
    {
        Assert.Equal(RowState.Ok, One(Model("2.4.0", "multinomial"), All, SparkVector.Dense([1.0, -2.0, 0.0])).State);
    }

    [Fact]
    public void NaiveBayes_MultinomialNaN_FailsRow()
    {
        Assert.Equal(RowState.Failed, One(Model("3.5.0", "complement"), All, SparkVector.Sparse(3, [2], [double.NaN])).State);
    }

    [Theory]
    [InlineData("3.5.0")]
    [InlineData("2.4.0")]
    public void NaiveBayes_BernoulliNonBinaryValue_FailsRow(string version)
    {
        var r = One(Model(version, "bernoulli"), ["prediction"], SparkVector.Dense([1.0, 0.5, 0.0]));
        Assert.Equal(RowState.Failed, r.State);
        Assert.Contains("0 or 1", r.Error!.Message);
    }

    [Fact]
    public void NaiveBayes_Bernoulli3_UsesLog1pAndPiSeededConstant()
    {
        double[] x = [1.0, 0.0, 1.0];
        var raw = One(Model("3.5.0", "bernoulli"), ["rawPrediction"], SparkVector.Dense(x)).Vector("rawPrediction").Values;
        for (int k = 0; k < 2; k++)
        {
            double constant = Pi[k];
            double neg = 0.0;
            for (int j = 0; j < 3; j++)
                neg += Math.Log(1.0 - Math.Exp(Theta[k * 3 + j]));
            double expected = constant + neg + Dot(k, x, v => v - Math.Log(1.0 - Math.Exp(v)));
            Assert.Equal(expected, raw[k], 12);
        }
    }

    [Fact]
    public void NaiveBayes_Bernoulli2_AddsPiThenNegThetaSum()
    {
        double[] x = [1.0, 0.0, 1.0];
        var raw = One(Model("2.3.0", "bernoulli"), ["rawPrediction"], SparkVector.Dense(x)).Vector("rawPrediction").Values;
        for (int k = 0; k < 2; k++)
        {
            double neg = 0.0;
            for (int j = 0; j < 3; j++)
                neg += Math.Log(1.0 - Math.Exp(Theta[k * 3 + j]));
            double expected = Dot(k, x, v => v - Math.Log(1.0 - Math.Exp(v))) + Pi[k] + neg;
            Assert.Equal(expected, raw[k]);
        }
    }

    [Fact]
    public void NaiveBayes_Complement_SubtractsLogSumExp()
    {
        double[] x = [2.0, 1.0, 0.0];
        var raw = One(Model("3.5.0", "complement"), ["rawPrediction"], SparkVector.Dense(x)).Vector("rawPrediction").Values;
        double s0 = Dot(0, x), s1 = Dot(1, x), max = Math.Max(s0, s1);
        double lse = Math.Log(Math.Exp(s0 - max) + Math.Exp(s1 - max)) + max;
        Assert.Equal([s0 - lse, s1 - lse], raw);
    }

    [Fact]
    public void NaiveBayes_ComplementBefore30_RefusedAtCompile()
    {
        Assert.Throws<PipelineCompileException>(() => Compile(null, Model("2.4.0", "complement")));
    }

    [Fact]
    public void NaiveBayes_Gaussian_SparseAndDenseMatchFormula()
    {
        double[] means = [0.0, 1.0, 2.0, 1.0, 1.0, 1.0];
        double[] variances = [1.0, 2.0, 0.5, 1.5, 1.0, 4.0];
        var model = Model("3.5.0", "gaussian", new SparkMatrix(2, 3, means, true), new SparkMatrix(2, 3, variances, true));
        double[] x = [0.5, 0.0, 3.0];
        var dense = One(model, ["rawPrediction"], SparkVector.Dense(x)).Vector("rawPrediction").Values;
        var sparse = One(model, ["rawPrediction"], SparkVector.Sparse(3, [0, 2], [0.5, 3.0])).Vector("rawPrediction").Values;
        for (int i = 0; i < 2; i++)
        {
            double s = 0.0, logVar = 0.0;
            for (int j = 0; j < 3; j++)
            {
                double d = x[j] - means[i * 3 + j];
                s += d * d / variances[i * 3 + j];
                logVar += Math.Log(variances[i * 3 + j]);
            }
            Assert.Equal(Pi[i] - (s + logVar) / 2, dense[i]);
        }
        Assert.Equal(dense, sparse);
    }

    [Fact]
    public void NaiveBayes_GaussianWithoutSigma_RefusedAtCompile()
    {
        Assert.Throws<PipelineCompileException>(() => Compile(null, Model("3.5.0", "gaussian")));
    }

    [Fact]
    public void NaiveBayes_ColumnMajorTheta_MatchesRowMajor()
    {
        var colMajor = new SparkMatrix(2, 3, [Theta[0], Theta[3], Theta[1], Theta[4], Theta[2], Theta[5]], false);
        double[] x = [1.0, 2.0, 3.0];
        var a = One(Model("3.5.0", "multinomial"), ["rawPrediction"], SparkVector.Dense(x)).Vector("rawPrediction").Values;
        var b = One(Model("3.5.0", "multinomial", colMajor), ["rawPrediction"], SparkVector.Dense(x)).Vector("rawPrediction").Values;
        Assert.Equal(a[0], b[0], 14);
        Assert.Equal(a[1], b[1], 14);
    }

    [Fact]
    public void NaiveBayes_Thresholds_ChangePrediction()
    {
        double[] x = [1.0, 0.0, 2.0];
        Assert.Equal(1.0, One(Model("3.5.0", "multinomial"), All, SparkVector.Dense(x))["prediction"]);
        Assert.Equal(0.0, One(Model("3.5.0", "multinomial", thresholds: [0.01, 1.0]), All, SparkVector.Dense(x))["prediction"]);
        Assert.Equal(0.0, One(Model("3.5.0", "multinomial", thresholds: [0.01, 1.0]), ["prediction"], SparkVector.Dense(x))["prediction"]);
    }
}
