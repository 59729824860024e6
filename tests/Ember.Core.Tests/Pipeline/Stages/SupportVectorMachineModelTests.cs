using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class SupportVectorMachineModelTests
{
    private static readonly string[] All = ["raw_prediction", "probability", "prediction"];

    private static CompiledPipeline Svm(double[]? thresholds = null, string raw = "raw_prediction", string probability = "probability") =>
        Compile(null, new SupportVectorMachineModel(Info("SVMModel", "2.2.0"), "features", "prediction", raw, probability,
            SparkVector.Dense([0.53, 0.67]), 0.77, thresholds));

    [Fact]
    public void Svm_RawIsMinusMarginMargin_ProbabilityIsRawUnchanged()
    {
        var r = Score(Svm(), All, Row(("features", SparkVector.Dense([1.0, 0.12]))))[0];
        double m = 0.53 * 1.0 + 0.67 * 0.12 + 0.77;
        Assert.Equal([-m, m], r.Vector("raw_prediction").Values);
        Assert.Equal([-m, m], r.Vector("probability").Values);
        Assert.Equal(1.0, r["prediction"]);
    }

    [Theory]
    [InlineData("raw_prediction", "probability")]
    [InlineData("", "probability")]
    [InlineData("raw_prediction", "")]
    [InlineData("", "")]
    public void Svm_PredictionIsArgmax_ZeroMarginTieGivesZero(string raw, string probability)
    {
        // m = x0 - 1: negative, zero (a tie of -0.0 and 0.0: the first index wins) and positive.
        var p = Compile(null, new SupportVectorMachineModel(Info("SVMModel", "2.2.0"), "features", "prediction", raw, probability,
            SparkVector.Dense([1.0]), -1.0, null));
        var rows = Score(p, ["prediction"], Row(("features", SparkVector.Dense([0.5]))), Row(("features", SparkVector.Dense([1.0]))),
            Row(("features", SparkVector.Sparse(1, [0], [3.0]))));
        Assert.Equal([0.0, 0.0, 1.0], rows.Select(r => (double)r["prediction"]!));
    }

    [Fact]
    public void Svm_Thresholds_ScaleTheMargins()
    {
        // x chosen so m ≈ 0.5: probability ≈ [-0.5, 0.5]; thresholds [0.1, 0.9] scale them to ≈ -5 and 0.56 → 1.
        var x = SparkVector.Dense([0.0, (0.5 - 0.77) / 0.67]);
        Assert.Equal(1.0, Score(Svm([0.1, 0.9]), All, Row(("features", x)))[0]["prediction"]);
        // A zero threshold wins even against a negative margin (MLeap 0.8 / Spark 2: +∞, not p / 0).
        var negative = SparkVector.Dense([-10.0, 0.0]);
        Assert.Equal(0.0, Score(Svm(), All, Row(("features", negative)))[0]["prediction"]);
        Assert.Equal(1.0, Score(Svm([0.5, 0.0]), All, Row(("features", negative)))[0]["prediction"]);
        Assert.Equal(1.0, Score(Svm([0.5, 0.0], raw: "", probability: ""), ["prediction"], Row(("features", negative)))[0]["prediction"]);
    }

    [Fact]
    public void Svm_NullOrWrongSizeFeatures_FailTheRow()
    {
        var rows = Score(Svm(), All, Row(("features", null)), Row(("features", SparkVector.Dense([1.0]))));
        Assert.Equal(ErrorCode.NullValue, rows[0].Error!.Code);
        Assert.Equal(ErrorCode.VectorSizeMismatch, rows[1].Error!.Code);
    }

    [Fact]
    public void Svm_ThresholdsOfWrongLength_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Svm([0.5, 0.3, 0.2]));
}
