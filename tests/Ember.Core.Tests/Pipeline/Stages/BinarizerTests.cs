using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class BinarizerTests
{
    private static CompiledPipeline Scalar(string version, double t = 0.5) =>
        Compile(null, new Binarizer(Info("Binarizer", version), ["x"], ["b"], [t]));

    private static CompiledPipeline OnVector(string version, double t) =>
        Compile(new Dictionary<string, SparkType> { ["x"] = SparkType.Vector }, new Binarizer(Info("Binarizer", version), ["x"], ["b"], [t]));

    [Fact]
    public void Binarizer_Double_AboveThresholdIsOne()
    {
        var rows = Score(Scalar("3.5.0"), ["b"], Row(("x", 0.6)), Row(("x", 0.5)), Row(("x", double.NaN)));
        Assert.Equal([1.0, 0.0, 0.0], rows.Select(r => (double)r["b"]!));
    }

    [Fact]
    public void Binarizer_NullDouble3x_IsZero() =>
        Assert.Equal(0.0, Score(Scalar("3.0.0"), ["b"], Row(("x", null)))[0]["b"]);

    [Fact]
    public void Binarizer_NullDouble2x_IsNull()
    {
        var r = Score(Scalar("2.4.0"), ["b"], Row(("x", null)))[0];
        Assert.Equal(RowState.Ok, r.State);
        Assert.Null(r["b"]);
    }

    [Fact]
    public void Binarizer_Output_IsBinaryAttribute() =>
        Assert.Equal(AttributeKind.Binary, Scalar("3.5.0").Columns.Single(c => c.Name == "b").Attribute!.Kind);

    [Fact]
    public void Binarizer_IntegerInput_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() =>
            Compile(new Dictionary<string, SparkType> { ["x"] = SparkType.Int }, new Binarizer(Info("Binarizer", "3.5.0"), ["x"], ["b"], [0.0])));

    [Fact]
    public void Binarizer_SparseVectorPositiveThreshold_StaysSparse()
    {
        var v = Score(OnVector("3.5.0", 0.5), ["b"], Row(("x", SparkVector.Sparse(10, [2, 5], [0.7, 0.2]))))[0].Vector("b");
        Assert.False(v.IsDense);
        Assert.Equal([2], v.Indices!);
        Assert.Equal([1.0], v.Values);
    }

    [Fact]
    public void Binarizer_VectorNegativeThreshold3x_ImplicitZerosBecomeOne()
    {
        var v = Score(OnVector("3.5.0", -0.5), ["b"], Row(("x", SparkVector.Sparse(4, [1], [-1.0]))))[0].Vector("b");
        Assert.True(v.IsDense);
        Assert.Equal([1.0, 0.0, 1.0, 1.0], v.Values);
    }

    [Fact]
    public void Binarizer_VectorNegativeThreshold2x_OnlyStoredEntriesCount()
    {
        var v = Score(OnVector("2.4.0", -0.5), ["b"], Row(("x", SparkVector.Sparse(6, [1, 3], [-1.0, 0.0]))))[0].Vector("b");
        Assert.Equal(new double[] { 0, 0, 0, 1, 0, 0 }, v.ToArray());
    }

    [Fact]
    public void Binarizer_NullVector_FailsRow() =>
        Assert.Equal(ErrorCode.NullValue, Score(OnVector("3.5.0", 0.0), ["b"], Row(("x", null)))[0].Error!.Code);

    [Fact]
    public void Binarizer_MultiColumn_UsesEachThreshold()
    {
        var p = Compile(null, new Binarizer(Info("Binarizer", "3.1.0"), ["x", "y"], ["bx", "by"], [1.0, 10.0]));
        var r = Score(p, ["bx", "by"], Row(("x", 5.0), ("y", 5.0)))[0];
        Assert.Equal(1.0, r["bx"]);
        Assert.Equal(0.0, r["by"]);
    }
}
