using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class VectorAssemblerTests
{
    private static CompiledPipeline Assembler(string handleInvalid, string version = "3.5.0") =>
        Compile(new Dictionary<string, SparkType> { ["v"] = SparkType.Vector },
            new VectorAssembler(Info("VectorAssembler", version), ["a", "b", "v"], "out", handleInvalid));

    [Fact]
    public void VectorAssembler_MostlyZeros_ReturnsCompressedSparse()
    {
        var p = Assembler("error");
        var r = Score(p, ["out"], Row(("a", 0.0), ("b", 0.0), ("v", SparkVector.Sparse(5, [3], [7.0]))))[0];
        var v = r.Vector("out");
        Assert.False(v.IsDense);
        Assert.Equal(7, v.Size);
        Assert.Equal([5], v.Indices!);
        Assert.Equal([7.0], v.Values);
    }

    [Fact]
    public void VectorAssembler_MostlyNonZero_ReturnsDenseInOrder()
    {
        var p = Assembler("error");
        var r = Score(p, ["out"], Row(("a", 1.0), ("b", 2.0), ("v", SparkVector.Dense([3.0, 0.0, 4.0]))))[0];
        Assert.Equal([1.0, 2.0, 3.0, 0.0, 4.0], r.Vector("out").Values);
        Assert.True(r.Vector("out").IsDense);
    }

    [Fact]
    public void VectorAssembler_NaNScalarWithError_FailsNamingColumn()
    {
        var r = Score(Assembler("error"), ["out"], Row(("a", double.NaN), ("b", 1.0), ("v", SparkVector.Dense([1.0]))))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal("a", r.Error!.Column);
        Assert.Equal(ErrorCode.InvalidValue, r.Error.Code);
    }

    [Fact]
    public void VectorAssembler_NaNScalarBefore24_PassesThrough()
    {
        var r = Score(Assembler("error", "2.3.0"), ["out"], Row(("a", double.NaN), ("b", 1.0), ("v", SparkVector.Dense([1.0]))))[0];
        Assert.Equal(RowState.Ok, r.State);
        Assert.True(double.IsNaN(r.Vector("out").Values[0]));
    }

    [Fact]
    public void VectorAssembler_NullWithSkip_DropsRow()
    {
        var rows = Score(Assembler("skip"), ["out"],
            Row(("a", null), ("b", 1.0), ("v", SparkVector.Dense([1.0]))),
            Row(("a", 1.0), ("b", 1.0), ("v", SparkVector.Dense([1.0]))));
        Assert.Equal(RowState.Skipped, rows[0].State);
        Assert.Equal("a", rows[0].Error!.Column);
        Assert.Equal(RowState.Ok, rows[1].State);
    }

    [Fact]
    public void VectorAssembler_NaNInsideVectorWithError_IsKept()
    {
        var r = Score(Assembler("error"), ["out"], Row(("a", 1.0), ("b", 1.0), ("v", SparkVector.Dense([double.NaN]))))[0];
        Assert.Equal(RowState.Ok, r.State);
        Assert.True(double.IsNaN(r.Vector("out").Values[2]));
    }


    [Fact]
    public void VectorAssembler_KeepWithUnknownVectorSize_RefusesAtCompile()
    {
        var ex = Assert.Throws<PipelineCompileException>(() =>
            Compile(new Dictionary<string, SparkType> { ["v"] = SparkType.Vector },
                new VectorAssembler(Info("VectorAssembler", "3.5.0"), ["a", "v"], "out", "keep")));
        Assert.Equal("v", ex.Column);
    }

    [Fact]
    public void VectorAssembler_IntegerAndBooleanInputs_AreCastToDouble()
    {
        var p = Compile(new Dictionary<string, SparkType> { ["i"] = SparkType.Int, ["b"] = SparkType.Boolean },
            new VectorAssembler(Info("VectorAssembler", "3.5.0"), ["i", "b"], "out", "error"));
        var r = Score(p, ["out"], Row(("i", 3L), ("b", true)))[0];
        Assert.Equal([3.0, 1.0], r.Vector("out").Values);
    }
}
