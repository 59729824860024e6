using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class ImputerModelTests
{
    private static CompiledPipeline Imputer(double missingValue, SparkType? type = null, string version = "3.3.0", double surrogate = 2.75) =>
        Compile(type is null ? null : new Dictionary<string, SparkType> { ["x"] = type },
            new ImputerModel(Info("ImputerModel", version), ["x"], ["y"], [surrogate], missingValue));

    [Fact]
    public void ImputerModel_DefaultNaN_ImputesNullAndNaN()
    {
        var rows = Score(Imputer(double.NaN), ["y"], Row(("x", null)), Row(("x", double.NaN)), Row(("x", 1.5)));
        Assert.Equal([2.75, 2.75, 1.5], rows.Select(r => (double)r["y"]!));
    }

    [Fact]
    public void ImputerModel_MissingValueMinusOne_LetsNaNThrough()
    {
        var rows = Score(Imputer(-1.0), ["y"], Row(("x", -1.0)), Row(("x", double.NaN)), Row(("x", null)));
        Assert.Equal(2.75, rows[0]["y"]);
        Assert.True(double.IsNaN((double)rows[1]["y"]!));
        Assert.Equal(2.75, rows[2]["y"]);
    }

    [Fact]
    public void ImputerModel_IntColumn3x_CastsSurrogateBackTruncating()
    {
        var p = Imputer(-1.0, SparkType.Int);
        Assert.Equal(SparkType.Int, p.Columns.Single(c => c.Name == "y").Type);
        var rows = Score(p, ["y"], Row(("x", -1L)), Row(("x", 7L)));
        Assert.Equal(2L, rows[0]["y"]);
        Assert.Equal(7L, rows[1]["y"]);
    }

    [Fact]
    public void ImputerModel_FloatColumn_RoundsSurrogateToFloat() =>
        Assert.Equal((double)(float)0.1, Score(Imputer(double.NaN, SparkType.Float, surrogate: 0.1), ["y"], Row(("x", null)))[0]["y"]);

    [Fact]
    public void ImputerModel_IntColumn2x_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Imputer(double.NaN, SparkType.Int, "2.4.0"));

    [Fact]
    public void ImputerModel_NegativeZeroEqualsZeroMissingValue() =>
        Assert.Equal(2.75, Score(Imputer(0.0), ["y"], Row(("x", -0.0)))[0]["y"]);
}
