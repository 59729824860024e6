using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class ALSModelTests
{
    private static ALSModel Model(string coldStart, string version = "3.5.0") => new(Info("ALSModel", version), "user", "item", "prediction", coldStart,
        new AlsFactors([1, 2], [0.1f, 0.2f, 0.3f, 1e8f, 1f, -1e8f], 3),
        new AlsFactors([10], [0.7f, 0.3f, 0.9f], 3));

    [Fact]
    public void ALS_PredictionIsFloatDotInOrder()
    {
        var results = Score(Compile(null, Model("nan")), ["prediction"], Row(("user", 1), ("item", 10)), Row(("user", 2), ("item", 10)));
        float expected = 0f;
        foreach (var (u, v) in new[] { (0.1f, 0.7f), (0.2f, 0.3f), (0.3f, 0.9f) })
            expected = (float)(expected + (float)(u * v));
        Assert.Equal((double)expected, results[0]["prediction"]);
        // Float rounding: 1e8·0.7 + 0.3 − 1e8·0.9 in float is not the double value.
        float big = (float)((float)(1e8f * 0.7f) + (float)(1f * 0.3f));
        big = (float)(big + (float)(-1e8f * 0.9f));
        Assert.Equal((double)big, results[1]["prediction"]);
    }

    [Fact]
    public void ALS_UnknownIdWithNan_GivesNaN_WithDrop_DropsRow()
    {
        Assert.True(double.IsNaN((double)Score(Compile(null, Model("nan")), ["prediction"], Row(("user", 3), ("item", 10)))[0]["prediction"]!));
        var r = Score(Compile(null, Model("drop")), ["prediction"], Row(("user", 1), ("item", 11)))[0];
        Assert.Equal(RowState.Skipped, r.State);
        Assert.Equal("item", r.Error!.Column);
    }

    [Fact]
    public void ALS_NullIntId_MatchesNothing()
    {
        Assert.True(double.IsNaN((double)Score(Compile(null, Model("nan")), ["prediction"], Row(("user", null), ("item", 10)))[0]["prediction"]!));
    }

    [Fact]
    public void ALS_FractionalOrOutOfRangeId_FailsRow_LegacyTruncates()
    {
        var declared = new Dictionary<string, SparkType> { ["user"] = SparkType.Double, ["item"] = SparkType.Long };
        var results = Score(Compile(declared, Model("nan")), ["prediction"],
            Row(("user", 1.5), ("item", 10L)), Row(("user", 1.0), ("item", 10L)), Row(("user", 1.0), ("item", 1L << 40)));
        Assert.Equal(RowState.Failed, results[0].State);
        Assert.Equal("user", results[0].Error!.Column);
        Assert.Equal(RowState.Ok, results[1].State);
        Assert.Equal(RowState.Failed, results[2].State);
        var legacy = Score(Compile(declared, Model("nan", "2.1.0")), ["prediction"], Row(("user", 1.5), ("item", 10L)))[0];
        Assert.Equal(RowState.Ok, legacy.State); // 2.0–2.1: n.toInt truncates
    }

    [Fact]
    public void AlsFactors_DuplicateId_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new AlsFactors([1, 1], [0f, 0f], 1));
    }
}
