using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class TargetEncoderModelTests
{
    // Binary target: category 0 seen twice (one positive), 1 three times (all positive), one null (negative);
    // the global row (Int.MaxValue) holds 6 rows, 4 positive.
    private static readonly TargetEncoderColumnStats Binary = new(
        [0.0, 1.0, TargetEncoderModel.UnseenCategory, TargetEncoderModel.NullCategory], [2.0, 3.0, 6.0, 1.0], [1.0, 3.0, 4.0, 0.0]);

    private static TargetEncoderModel Model(TargetEncoderColumnStats stats, string handleInvalid = "keep", string targetType = "binary", double smoothing = 0.0) =>
        new(Info("TargetEncoderModel", "4.0.0"), ["c"], ["e"], [stats], handleInvalid, targetType, smoothing);

    private static readonly Dictionary<string, SparkType> IntInput = new() { ["c"] = SparkType.Int };

    [Fact]
    public void TargetEncoder_BinaryNoSmoothing_IsTheConditionalProbability_UnseenIsGlobal()
    {
        var p = Compile(IntInput, Model(Binary));
        var r = Score(p, ["e"], Row(("c", 0)), Row(("c", 1)), Row(("c", null)), Row(("c", 7)));
        Assert.Equal([0.5, 1.0, 0.0, 4.0 / 6.0], r.Select(x => (double)x["e"]!));
    }

    [Fact]
    public void TargetEncoder_BinarySmoothing_BlendsWithTheGlobalRateInSparksOrder()
    {
        var p = Compile(IntInput, Model(Binary, smoothing: 1.0));
        double w = 2.0 / (2.0 + 1.0);
        double expected = w * (1.0 / 2.0) + (1 - w) * (4.0 / 6.0);
        Assert.Equal(expected, (double)Score(p, ["e"], Row(("c", 0)))[0]["e"]!);
        // The global encoding goes through the same formula (weight·g + (1 − weight)·g, rounded as Spark rounds).
        double wg = 6.0 / 7.0;
        Assert.Equal(wg * (4.0 / 6.0) + (1 - wg) * (4.0 / 6.0), (double)Score(p, ["e"], Row(("c", 9)))[0]["e"]!);
    }

    [Fact]
    public void TargetEncoder_Continuous_BlendsMeans()
    {
        var stats = new TargetEncoderColumnStats([0.0, TargetEncoderModel.UnseenCategory], [4.0, 10.0], [2.5, 1.5]);
        var p = Compile(null, Model(stats, targetType: "continuous", smoothing: 2.0));
        double w = 4.0 / 6.0;
        Assert.Equal(w * 2.5 + (1 - w) * 1.5, (double)Score(p, ["e"], Row(("c", 0.0)))[0]["e"]!);
    }

    [Fact]
    public void TargetEncoder_ErrorMode_UnseenNonIntegralAndReservedKeysFail_NullWithoutNullCategoryFails()
    {
        var stats = new TargetEncoderColumnStats([0.0, TargetEncoderModel.UnseenCategory], [2.0, 4.0], [1.0, 1.0]);
        var p = Compile(null, Model(stats, handleInvalid: "error"));
        var r = Score(p, ["e"], Row(("c", 0.0)), Row(("c", 0.5)), Row(("c", -1.0)), Row(("c", (double)int.MaxValue)), Row(("c", null)), Row(("c", double.NaN)));
        Assert.Equal(0.5, (double)r[0]["e"]!);
        Assert.All(r.Skip(1), x => Assert.Equal(RowState.Failed, x.State));
        Assert.Equal(ErrorCode.UnseenValue, r[1].Error!.Code);
        Assert.Contains("Unseen value 0.5 in feature c", r[1].Error!.Message);
        Assert.Equal(ErrorCode.NullValue, r[4].Error!.Code);
    }

    [Fact]
    public void TargetEncoder_MissingGlobalStatistics_IsACompileError()
    {
        var stats = new TargetEncoderColumnStats([0.0], [2.0], [1.0]);
        Assert.Throws<PipelineCompileException>(() => Compile(null, Model(stats)));
    }
}
