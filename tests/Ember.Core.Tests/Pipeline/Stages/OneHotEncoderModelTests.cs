using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class OneHotEncoderModelTests
{
    private static CompiledPipeline Encoder(bool dropLast, string handleInvalid, int categories = 3, string version = "3.5.0") =>
        Compile(null, new OneHotEncoderModel(Info("OneHotEncoderModel", version), ["c"], ["v"], [categories], dropLast, handleInvalid));

    [Fact]
    public void OneHotEncoderModel_DropLast_LastCategoryIsAllZeros()
    {
        var rows = Score(Encoder(true, "error"), ["v"], Row(("c", 1.0)), Row(("c", 2.0)));
        var v0 = rows[0].Vector("v");
        Assert.False(v0.IsDense);
        Assert.Equal(2, v0.Size);
        Assert.Equal([1], v0.Indices!);
        Assert.Equal([1.0], v0.Values);
        Assert.Empty(rows[1].Vector("v").Values);
    }

    [Fact]
    public void OneHotEncoderModel_NonIntegerIndex_IsTruncated() =>
        Assert.Equal([1], Score(Encoder(false, "error"), ["v"], Row(("c", 1.7)))[0].Vector("v").Indices!);

    [Fact]
    public void OneHotEncoderModel_UnseenWithError_Fails()
    {
        var rows = Score(Encoder(false, "error"), ["v"], Row(("c", 3.0)), Row(("c", -1.0)), Row(("c", double.NaN)));
        Assert.Equal(ErrorCode.UnseenValue, rows[0].Error!.Code);
        Assert.Equal(ErrorCode.OutOfRange, rows[1].Error!.Code);
        Assert.Equal(ErrorCode.UnseenValue, rows[2].Error!.Code);
    }

    [Fact]
    public void OneHotEncoderModel_KeepWithoutDropLast_InvalidGoesToExtraSlot()
    {
        var v = Score(Encoder(false, "keep"), ["v"], Row(("c", 7.0)))[0].Vector("v");
        Assert.Equal(4, v.Size);
        Assert.Equal([3], v.Indices!);
    }

    [Fact]
    public void OneHotEncoderModel_KeepWithDropLast_InvalidIsAllZeros()
    {
        var v = Score(Encoder(true, "keep"), ["v"], Row(("c", -2.0)))[0].Vector("v");
        Assert.Equal(3, v.Size);
        Assert.Empty(v.Indices!);
    }

    [Fact]
    public void OneHotEncoderModel_Null_GivesNull()
    {
        var r = Score(Encoder(true, "error"), ["v"], Row(("c", null)))[0];
        Assert.Equal(RowState.Ok, r.State);
        Assert.Null(r["v"]);
    }

    [Fact]
    public void OneHotEncoderModel_AttributesFromStringIndexerLabels()
    {
        var p = Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "3.5.0"), ["s"], ["c"], [["x", "y", "z"]], "error"),
            new OneHotEncoderModel(Info("OneHotEncoderModel", "3.5.0"), ["c"], ["v"], [3], false, "error"));
        var attrs = p.Columns.Single(c => c.Name == "v").Vector!;
        Assert.Equal(["x", "y", "z"], attrs.Attributes!.Select(a => a.Name));
        Assert.All(attrs.Attributes!, a => Assert.Equal(AttributeKind.Binary, a.Kind));
    }

    [Fact]
    public void OneHotEncoderModel_NoInputAttribute_NumbersSlotsAndNamesInvalid()
    {
        var attrs = Encoder(false, "keep", 2).Columns.Single(c => c.Name == "v").Vector!;
        Assert.Equal(["0", "1", "invalidValues"], attrs.Attributes!.Select(a => a.Name));
    }

    [Fact]
    public void OneHotEncoderModel_InputMetadataDisagreeingWithSize_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "3.5.0"), ["s"], ["c"], [["x", "y"]], "error"),
            new OneHotEncoderModel(Info("OneHotEncoderModel", "3.5.0"), ["c"], ["v"], [3], false, "error")));

    [Fact]
    public void OneHotEncoderModel_MultiColumn23_EncodesEach()
    {
        var p = Compile(null, new OneHotEncoderModel(Info("OneHotEncoderModel", "2.3.1"), ["m", "d"], ["mv", "dv"], [13, 32], true, "error"));
        var r = Score(p, ["mv", "dv"], Row(("m", 12L), ("d", 30L)))[0];
        Assert.Equal(12, r.Vector("mv").Size);
        Assert.Empty(r.Vector("mv").Indices!);
        Assert.Equal([30], r.Vector("dv").Indices!);
    }

    [Fact]
    public void OneHotEncoder2x_SizeFromNominalAttribute()
    {
        var p = Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "2.4.0"), ["s"], ["c"], [["x", "y", "z"]], "error"),
            new OneHotEncoder(Info("OneHotEncoder", "2.4.0"), "c", "v", dropLast: false));
        var v = Score(p, ["v"], Row(("s", "z")))[0].Vector("v");
        Assert.Equal(3, v.Size);
        Assert.Equal([2], v.Indices!);
        Assert.Equal(["x", "y", "z"], p.Columns.Single(c => c.Name == "v").Vector!.Attributes!.Select(a => a.Name));
    }

    [Fact]
    public void OneHotEncoder2x_TooLargeOrNaN_IsAllZerosAndNegativeFails()
    {
        var p = Compile(null,
            new StringIndexerModel(Info("StringIndexerModel", "2.4.0"), ["s"], ["c"], [["x", "y", "z"]], "error"),
            new Bucketizer(Info("Bucketizer", "2.4.0"), ["n"], ["b"], [[-10, 0, 10, 20]], "keep"),
            new OneHotEncoder(Info("OneHotEncoder", "2.4.0"), "b", "v", dropLast: true));
        var rows = Score(p, ["v"], Row(("n", 15.0)), Row(("n", double.NaN)));
        Assert.Empty(rows[0].Vector("v").Indices!); // bucket 2 is the dropped last one
        Assert.Empty(rows[1].Vector("v").Indices!); // keep bucket 3 is past the end
    }

    [Fact]
    public void OneHotEncoder2x_NoAttribute_CompileErrorSaysSizeUnknown()
    {
        var ex = Assert.Throws<PipelineCompileException>(() =>
            Compile(null, new OneHotEncoder(Info("OneHotEncoder", "2.4.0"), "c", "v", dropLast: false)));
        Assert.Equal("c", ex.Column);
        Assert.Contains("number of categories", ex.Message);
    }
}
