using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class InteractionTests
{
    [Fact]
    public void Interaction_NumericScalars_MultiplyIntoOneSlot()
    {
        var p = Compile(new Dictionary<string, SparkType> { ["a"] = SparkType.Int }, new Interaction(Info("Interaction", "4.1.0"), ["a", "b"], "ab"));
        var v = Score(p, ["ab"], Row(("a", 3L), ("b", 2.5)))[0].Vector("ab");
        Assert.Equal(1, v.Size);
        Assert.Equal([7.5], v.ToArray());
        Assert.Equal(["0:0"], p.Columns.Single(c => c.Name == "ab").Vector!.Attributes!.Select(x => x.Name));
    }

    [Fact]
    public void Interaction_NominalTimesVector_FirstInputMostSignificant()
    {
        var p = Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "3.5.0"), ["s"], ["n"], [["x", "y", "z"]], "error"),
            new VectorAssembler(Info("VectorAssembler", "3.5.0"), ["p", "q"], "v", "error"),
            new Interaction(Info("Interaction", "3.5.0"), ["n", "v"], "out"));
        var v = Score(p, ["out"], Row(("s", "y"), ("p", 2.0), ("q", 3.0)))[0].Vector("out");
        Assert.Equal(6, v.Size);
        Assert.Equal(new double[] { 0, 0, 2, 3, 0, 0 }, v.ToArray());
        Assert.False(v.IsDense);
        var names = p.Columns.Single(c => c.Name == "out").Vector!.Attributes!.Select(x => x.Name);
        Assert.Equal(["n_x:v_p", "n_x:v_q", "n_y:v_p", "n_y:v_q", "n_z:v_p", "n_z:v_q"], names);
    }

    [Fact]
    public void Interaction_InvalidNominalIndex_FailsRow()
    {
        var p = Compile(null,
            new Bucketizer(Info("Bucketizer", "3.5.0"), ["x"], ["b"], [[0.0, 1.0, 2.0]], "keep"),
            new Interaction(Info("Interaction", "3.5.0"), ["b", "y"], "out"));
        var r = Score(p, ["out"], Row(("x", double.NaN), ("y", 1.0)))[0]; // keep bucket 2 is outside the 2 buckets
        Assert.Equal(ErrorCode.OutOfRange, r.Error!.Code);
        Assert.Equal("b", r.Error.Column);
    }

    [Fact]
    public void Interaction_Null_FailsRow() =>
        Assert.Equal(ErrorCode.NullValue,
            Score(Compile(null, new Interaction(Info("Interaction", "3.5.0"), ["a", "b"], "out")), ["out"], Row(("a", null), ("b", 1.0)))[0].Error!.Code);

    [Fact]
    public void Interaction_VectorWithoutAttributes_RefusedAtCompile()
    {
        var ex = Assert.Throws<PipelineCompileException>(() => Compile(new Dictionary<string, SparkType> { ["v"] = SparkType.Vector },
            new Interaction(Info("Interaction", "3.5.0"), ["a", "v"], "out")));
        Assert.Equal("v", ex.Column);
    }

    [Fact]
    public void Interaction_ProductOrder_StartsFromLastInput()
    {
        // 0.1 * 0.2 * 0.3 differs by association: Spark computes ((1.0 * c) * b) * a.
        var p = Compile(null, new Interaction(Info("Interaction", "3.5.0"), ["a", "b", "c"], "out"));
        var v = Score(p, ["out"], Row(("a", 0.1), ("b", 0.2), ("c", 0.3)))[0].Vector("out");
        Assert.Equal(1.0 * 0.3 * 0.2 * 0.1, v.ToArray()[0]);
    }

    [Fact]
    public void Interaction_OneHotVector_UsesBinarySlotNames()
    {
        var p = Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "3.5.0"), ["s"], ["n"], [["x", "y"]], "error"),
            new OneHotEncoderModel(Info("OneHotEncoderModel", "3.5.0"), ["n"], ["oh"], [2], false, "error"),
            new Interaction(Info("Interaction", "3.5.0"), ["oh", "w"], "out"));
        var names = p.Columns.Single(c => c.Name == "out").Vector!.Attributes!.Select(x => x.Name);
        Assert.Equal(["oh_x:0", "oh_y:0"], names);
        var v = Score(p, ["out"], Row(("s", "y"), ("w", 4.0)))[0].Vector("out");
        Assert.Equal(new double[] { 0, 4 }, v.ToArray());
    }
}
