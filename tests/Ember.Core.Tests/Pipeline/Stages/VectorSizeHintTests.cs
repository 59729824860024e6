using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class VectorSizeHintTests
{
    private static readonly Dictionary<string, SparkType> VectorInput = new() { ["v"] = SparkType.Vector };

    private static CompiledPipeline Hint(string handleInvalid) =>
        Compile(VectorInput,
            new VectorSizeHint(Info("VectorSizeHint", "2.4.0"), "v", 2, handleInvalid),
            new VectorAssembler(Info("VectorAssembler", "2.4.0"), ["v"], "out", "keep"));

    [Fact]
    public void VectorSizeHint_SetsSizeSoAssemblerKeepCompiles()
    {
        var p = Hint("optimistic");
        Assert.Equal(2, p.Columns.Single(c => c.Name == "v").VectorSize);
        Assert.DoesNotContain(p.Columns, c => c.ProducedBy?.StartsWith("VectorSizeHint", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void VectorSizeHint_Error_FailsWrongSizeAndNull()
    {
        var rows = Score(Hint("error"), ["out"], Row(("v", SparkVector.Dense([1.0, 2.0, 3.0]))), Row(("v", null)), Row(("v", SparkVector.Dense([1.0, 2.0]))));
        Assert.Equal(ErrorCode.VectorSizeMismatch, rows[0].Error!.Code);
        Assert.Equal(ErrorCode.NullValue, rows[1].Error!.Code);
        Assert.Equal(RowState.Ok, rows[2].State);
    }

    [Fact]
    public void VectorSizeHint_Skip_DropsInvalidRows()
    {
        var rows = Score(Hint("skip"), ["out"], Row(("v", SparkVector.Dense([1.0]))), Row(("v", null)));
        Assert.All(rows, r => Assert.Equal(RowState.Skipped, r.State));
    }

    [Fact]
    public void VectorSizeHint_Optimistic_DoesNotCheck()
    {
        var r = Score(Compile(VectorInput, new VectorSizeHint(Info("VectorSizeHint", "2.4.0"), "v", 2, "optimistic")), ["v"],
            Row(("v", SparkVector.Dense([1.0, 2.0, 3.0]))))[0];
        Assert.Equal(RowState.Ok, r.State);
    }

    [Fact]
    public void VectorSizeHint_ConflictingKnownSize_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Compile(null,
            new VectorAssembler(Info("VectorAssembler", "2.4.0"), ["a", "b", "c"], "v", "error"),
            new VectorSizeHint(Info("VectorSizeHint", "2.4.0"), "v", 2, "error")));
}
