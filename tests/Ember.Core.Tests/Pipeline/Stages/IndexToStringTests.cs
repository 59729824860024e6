using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class IndexToStringTests
{
    [Fact]
    public void IndexToString_LabelsParam_MapsTruncatedIndex()
    {
        var p = Compile(null, new IndexToString(Info("IndexToString", "2.1.0"), "i", "s", ["x", "y", "z"]));
        var rows = Score(p, ["s"], Row(("i", 1.0)), Row(("i", 2.9)), Row(("i", null)), Row(("i", double.NaN)));
        Assert.Equal("y", rows[0]["s"]);
        Assert.Equal("z", rows[1]["s"]);
        Assert.Null(rows[2]["s"]);
        Assert.Equal(RowState.Ok, rows[2].State);
        Assert.Equal("x", rows[3]["s"]); // (int) NaN is 0 in Java
    }

    [Fact]
    public void IndexToString_UnseenIndex_FailsRow()
    {
        var p = Compile(null, new IndexToString(Info("IndexToString", "3.5.0"), "i", "s", ["x"]));
        var rows = Score(p, ["s"], Row(("i", 1.0)), Row(("i", -1.0)));
        Assert.All(rows, r => Assert.Equal(ErrorCode.OutOfRange, r.Error!.Code));
        Assert.Equal("1.0", rows[0].Error!.Value);
    }

    [Fact]
    public void IndexToString_NoLabels_UsesStringIndexerAttribute()
    {
        var p = Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "3.5.0"), ["c"], ["i"], [["a", "b"]], "error"),
            new IndexToString(Info("IndexToString", "3.5.0"), "i", "s", []));
        Assert.Equal("b", Score(p, ["s"], Row(("c", "b")))[0]["s"]);
    }

    [Fact]
    public void IndexToString_NoLabelsAndNoAttribute_RefusedAtCompile()
    {
        var ex = Assert.Throws<PipelineCompileException>(() =>
            Compile(null, new IndexToString(Info("IndexToString", "3.5.0"), "i", "s", null)));
        Assert.Equal("i", ex.Column);
    }
}
