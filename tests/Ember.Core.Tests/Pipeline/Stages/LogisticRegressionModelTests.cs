using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class LogisticRegressionModelTests
{
    private static readonly string[] All = ["rawPrediction", "probability", "prediction"];

    private static LogisticRegressionModel Binomial(string version, double[] coefficients, double intercept,
        double threshold = 0.5, bool thresholdSet = false, double[]? thresholds = null,
        string raw = "rawPrediction", string prob = "probability") =>
        new(Info("LogisticRegressionModel", version), "features", "prediction", raw, prob,
            new SparkMatrix(1, coefficients.Length, coefficients, isTransposed: true), SparkVector.Dense([intercept]),
            2, false, threshold, thresholdSet, thresholds);

    private static LogisticRegressionModel Multinomial(string version, SparkMatrix matrix, double[] intercepts, double[]? thresholds = null) =>
        new(Info("LogisticRegressionModel", version), "features", "prediction", "rawPrediction", "probability",
            matrix, SparkVector.Dense(intercepts), intercepts.Length, true, 0.5, false, thresholds);

    private static RowResult One(StageDefinition model, IEnumerable<string> outputs, SparkVector features) =>
        Score(Compile(null, model), outputs, Row(("features", features)))[0];

    [Fact]
    public void LogisticRegression_Binomial35_RawIsMinusMarginMarginAndProbabilityIsOneMinus()
    {
        var r = One(Binomial("3.5.1", [0.5, -1.25], 0.3), All, SparkVector.Dense([2.0, 1.0]));
        double m = 0.5 * 2.0 + -1.25 * 1.0 + 0.3;
        Assert.Equal([-m, m], r.Vector("rawPrediction").Values);
        double p0 = 1.0 / (1.0 + Math.Exp(m));
        Assert.Equal([p0, 1.0 - p0], r.Vector("probability").Values);
        Assert.Equal(m > 0 ? 1.0 : 0.0, r["prediction"]);
    }

    [Fact]
    public void LogisticRegression_Binomial24_EachProbabilityIsItsOwnSigmoid()
    {
        var r = One(Binomial("2.4.8", [0.7], -0.1), All, SparkVector.Dense([0.9]));
        double m = 0.7 * 0.9 + -0.1;
        Assert.Equal([1.0 / (1.0 + Math.Exp(m)), 1.0 / (1.0 + Math.Exp(-m))], r.Vector("probability").Values);
    }

    [Theory]
    [InlineData("rawPrediction", "")]
    [InlineData("", "probability")]
    [InlineData("", "")]
    public void LogisticRegression_MarginZeroAtDefaultThreshold_PredictsZeroOnEveryPath(string raw, string prob)
    {
        // m = 0: raw[1] > log(1) = 0, p1 = 0.5 > 0.5 and σ(0) > 0.5 are all false (strict '>').
        var r = One(Binomial("3.5.0", [1.0], -2.0, raw: raw, prob: prob), ["prediction"], SparkVector.Dense([2.0]));
        Assert.Equal(0.0, r["prediction"]);
    }

    [Theory]
    [InlineData("rawPrediction", "probability")]
    [InlineData("rawPrediction", "")]
    [InlineData("", "probability")]
    [InlineData("", "")]
    public void LogisticRegression_ThresholdsWinOverDefaultThreshold_OnEveryPath(string raw, string prob)
    {
        // thresholds [0.4, 0.6] ⇒ t = 1 / (1 + 0.4/0.6) = 0.6; σ(0.2) ≈ 0.55 → class 0 (class 1 with t = 0.5).
        var model = Binomial("3.5.0", [1.0], 0.0, thresholds: [0.4, 0.6], raw: raw, prob: prob);
        Assert.Equal(0.0, One(model, ["prediction"], SparkVector.Dense([0.2]))["prediction"]);
        Assert.Equal(1.0, One(model, ["prediction"], SparkVector.Dense([0.5]))["prediction"]);
        Assert.Equal(1.0, One(Binomial("3.5.0", [1.0], 0.0, raw: raw, prob: prob), ["prediction"], SparkVector.Dense([0.2]))["prediction"]);
    }

    [Fact]
    public void LogisticRegression_ThresholdOneNeverPredictsOne_ThresholdZeroAlways()
    {
        Assert.Equal(0.0, One(Binomial("3.5.0", [1.0], 0.0, threshold: 1.0, thresholdSet: true), All, SparkVector.Dense([800.0]))["prediction"]);
        Assert.Equal(1.0, One(Binomial("3.5.0", [1.0], 0.0, threshold: 0.0, thresholdSet: true), All, SparkVector.Dense([-3.0]))["prediction"]);
    }

    [Fact]
    public void LogisticRegression_ThresholdAndThresholdsDisagree_RefusedAtCompile()
    {
        var model = Binomial("3.5.0", [1.0], 0.0, threshold: 0.5, thresholdSet: true, thresholds: [0.4, 0.6]);
        var ex = Assert.Throws<PipelineCompileException>(() => Compile(null, model));
        Assert.Contains("disagree", ex.Message);
    }

    [Fact]
    public void LogisticRegression_ThresholdSetAndConsistentThresholds_Accepted()
    {
        var model = Binomial("2.1.0", [1.0], 0.0, threshold: 0.6, thresholdSet: true, thresholds: [0.4, 0.6]);
        Assert.Equal(0.0, One(model, All, SparkVector.Dense([0.2]))["prediction"]);
    }

    [Fact]
    public void LogisticRegression_SparseFeatures_UseStoredEntries()
    {
        var r = One(Binomial("3.5.0", [0.5, 2.0, -1.0], 0.25), ["rawPrediction"], SparkVector.Sparse(3, [1], [3.0]));
        Assert.Equal([-6.25, 6.25], r.Vector("rawPrediction").Values);
    }

    [Fact]
    public void LogisticRegression_SparseCoefficientRow_MatchesDense()
    {
        var sparse = new LogisticRegressionModel(Info("LogisticRegressionModel", "3.5.0"), "features", "prediction", "rawPrediction", "probability",
            new SparkMatrix(1, 3, [2.0, -1.5], isTransposed: true, colPtrs: [0, 2], rowIndices: [0, 2]), SparkVector.Sparse(1, [], []),
            2, false, 0.5, false, null);
        Assert.Equal([-0.5, 0.5], One(sparse, ["rawPrediction"], SparkVector.Dense([1.0, 9.0, 1.0])).Vector("rawPrediction").Values);
        Assert.Equal([-2.0, 2.0], One(sparse, ["rawPrediction"], SparkVector.Sparse(3, [0, 1], [1.0, 9.0])).Vector("rawPrediction").Values);
    }

    [Fact]
    public void LogisticRegression_WrongFeatureCount_FailsRowNamingFeatures()
    {
        var r = One(Binomial("3.5.0", [1.0, 2.0], 0.0), All, SparkVector.Dense([1.0]));
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.VectorSizeMismatch, r.Error!.Code);
        Assert.Equal("features", r.Error.Column);
    }

    // Logical 3×2 matrix [[1, 2], [3, 4], [5, 6]] in the four saved layouts.
    public static TheoryData<string> Layouts => ["colMajor", "rowMajor", "csc", "csr"];

    private static SparkMatrix Layout(string name) => name switch
    {
        "colMajor" => new SparkMatrix(3, 2, [1, 3, 5, 2, 4, 6], false),
        "rowMajor" => new SparkMatrix(3, 2, [1, 2, 3, 4, 5, 6], true),
        "csc" => new SparkMatrix(3, 2, [1, 3, 5, 2, 4, 6], false, [0, 3, 6], [0, 1, 2, 0, 1, 2]),
        _ => new SparkMatrix(3, 2, [1, 2, 3, 4, 5, 6], true, [0, 2, 4, 6], [0, 1, 0, 1, 0, 1]),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void LogisticRegression_MultinomialEveryLayout_RawIsInterceptPlusMatrixTimesX(string layout)
    {
        var model = Multinomial("3.5.0", Layout(layout), [0.5, -0.5, 1.0]);
        Assert.Equal([0.5 + 1 * 2 + 2 * 3, -0.5 + 3 * 2 + 4 * 3, 1.0 + 5 * 2 + 6 * 3],
            One(model, ["rawPrediction"], SparkVector.Dense([2.0, 3.0])).Vector("rawPrediction").Values);
        Assert.Equal([0.5 + 2 * 3, -0.5 + 4 * 3, 1.0 + 6 * 3],
            One(model, ["rawPrediction"], SparkVector.Sparse(2, [1], [3.0])).Vector("rawPrediction").Values);
        Assert.Equal(2.0, One(model, ["prediction"], SparkVector.Dense([2.0, 3.0]))["prediction"]);
    }

    [Fact]
    public void LogisticRegression_ColumnMajorDense_F2jAccumulatesFromInterceptJava11GroupsFourColumns()
    {
        // 1e16 + 1 rounds back to 1e16 (ulp 2): column-by-column accumulation (F2J, ≤ 3.1) loses
        // every product; the Java kernel (≥ 3.2) adds ((1 + 1) + 1) + 1 = 4 at once.
        var matrix = new SparkMatrix(2, 4, [1, 0, 1, 0, 1, 0, 1, 0], false);
        var x = SparkVector.Dense([1.0, 1.0, 1.0, 1.0]);
        Assert.Equal(1e16, One(Multinomial("3.1.2", matrix, [1e16, 0.0]), ["rawPrediction"], x).Vector("rawPrediction").Values[0]);
        Assert.Equal(1e16 + 4, One(Multinomial("3.5.0", matrix, [1e16, 0.0]), ["rawPrediction"], x).Vector("rawPrediction").Values[0]);
    }

    [Fact]
    public void LogisticRegression_MultinomialSoftmax32_ShiftsByMaxAndDivides()
    {
        var model = Multinomial("3.2.0", new SparkMatrix(3, 1, [1, 2, 3], false), [0, 0, 0]);
        var p = One(model, ["probability"], SparkVector.Dense([-1.5])).Vector("probability").Values;
        double[] raw = [-1.5, -3.0, -4.5];
        double[] e = raw.Select(v => Math.Exp(v - -1.5)).ToArray();
        double sum = e[0] + e[1] + e[2];
        Assert.Equal(e.Select(v => v / sum), p);
    }

    [Fact]
    public void LogisticRegression_MultinomialSoftmaxBefore32_NegativeMaxIsNotShiftedAndScaledByReciprocal()
    {
        var model = Multinomial("3.1.1", new SparkMatrix(3, 1, [1, 2, 3], false), [0, 0, 0]);
        var p = One(model, ["probability"], SparkVector.Dense([-1.5])).Vector("probability").Values;
        double[] e = [Math.Exp(-1.5), Math.Exp(-3.0), Math.Exp(-4.5)];
        double scale = 1 / (e[0] + e[1] + e[2]);
        Assert.Equal(e.Select(v => scale * v), p);
    }

    [Fact]
    public void LogisticRegression_MultinomialInfiniteMargin_IsOneHot()
    {
        var x = SparkVector.Dense([1.0]);
        var model = Multinomial("3.5.0", new SparkMatrix(3, 1, [0, 0, 0], false), [0, 0, double.PositiveInfinity]);
        Assert.Equal([0.0, 0.0, 1.0], One(model, ["probability"], x).Vector("probability").Values);
        Assert.Equal([0.0, 0.0, 1.0], One(Multinomial("2.4.0", new SparkMatrix(3, 1, [0, 0, 0], false), [0, 0, double.PositiveInfinity]), ["probability"], x).Vector("probability").Values);
    }

    [Fact]
    public void LogisticRegression_MultinomialThresholds_PickLargestScaledProbability()
    {
        var matrix = new SparkMatrix(3, 1, [0, 0, 0], false);
        var plain = Multinomial("3.5.0", matrix, [1.0, 0.9, 0.0]);
        var scaled = Multinomial("3.5.0", matrix, [1.0, 0.9, 0.0], thresholds: [1.0, 0.5, 1.0]);
        Assert.Equal(0.0, One(plain, All, SparkVector.Dense([1.0]))["prediction"]);
        foreach (var outputs in new[] { All, ["prediction"], new[] { "rawPrediction", "prediction" }, new[] { "probability", "prediction" } })
            Assert.Equal(1.0, One(scaled, outputs, SparkVector.Dense([1.0]))["prediction"]);
    }

    [Fact]
    public void LogisticRegression_ThresholdsOfWrongLength_RefusedAtCompile()
    {
        var model = Multinomial("3.5.0", new SparkMatrix(3, 1, [0, 0, 0], false), [0, 0, 0], thresholds: [0.5, 0.5]);
        Assert.Throws<PipelineCompileException>(() => Compile(null, model));
    }

    [Fact]
    public void LogisticRegression_OutputColumns_AreVectorsOfNumClassesAndNominalPrediction()
    {
        var p = Compile(null, Multinomial("3.5.0", new SparkMatrix(3, 1, [0, 0, 0], false), [0, 0, 0]));
        Assert.Equal(All, p.DefaultOutputs.Select(c => c.Name));
        var pred = p.DefaultOutputs.Single(c => c.Name == "prediction");
        Assert.Equal(3, pred.Attribute!.NumValues);
    }
}
