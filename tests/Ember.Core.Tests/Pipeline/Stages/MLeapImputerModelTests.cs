using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class MLeapImputerModelTests
{
    private static CompiledPipeline Imputer(double missingValue, SparkType? type = null, double surrogate = 21.5) =>
        Compile(type is null ? null : new Dictionary<string, SparkType> { ["mv"] = type },
            new MLeapImputerModel(Info("ImputerModel", "2.2.0"), "mv", "mv_imputed", surrogate, missingValue, "mean"));

    [Fact]
    public void MLeapImputer_ImputesNullNaNAndMissingValue_KeepsOthers()
    {
        var rows = Score(Imputer(23.4), ["mv_imputed"], Row(("mv", null)), Row(("mv", double.NaN)), Row(("mv", 23.4)), Row(("mv", 7.0)));
        Assert.Equal([21.5, 21.5, 21.5, 7.0], rows.Select(r => (double)r["mv_imputed"]!));
    }

    [Fact]
    public void MLeapImputer_NaNMissingValue_StillImputesNullAndNaNOnly()
    {
        var rows = Score(Imputer(double.NaN), ["mv_imputed"], Row(("mv", double.NaN)), Row(("mv", null)), Row(("mv", 0.0)));
        Assert.Equal([21.5, 21.5, 0.0], rows.Select(r => (double)r["mv_imputed"]!));
    }

    [Fact]
    public void MLeapImputer_NegativeZeroMatchesZeroMissingValue() =>
        Assert.Equal(21.5, Score(Imputer(0.0), ["mv_imputed"], Row(("mv", -0.0)))[0]["mv_imputed"]);

    [Fact]
    public void MLeapImputer_InfinityIsNotMissing() =>
        Assert.Equal(double.PositiveInfinity, Score(Imputer(23.4), ["mv_imputed"], Row(("mv", double.PositiveInfinity)))[0]["mv_imputed"]);

    [Fact]
    public void MLeapImputer_IntInput_OutputsDoubleNotTheInputType()
    {
        var p = Imputer(-1.0, SparkType.Int);
        Assert.Equal(SparkType.Double, p.Columns.Single(c => c.Name == "mv_imputed").Type);
        var rows = Score(p, ["mv_imputed"], Row(("mv", -1L)), Row(("mv", 4L)));
        Assert.Equal([21.5, 4.0], rows.Select(r => (double)r["mv_imputed"]!));
    }

    [Fact]
    public void MLeapImputer_StringInput_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Imputer(0.0, SparkType.String));
}
