using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class StringIndexerModelTests
{
    private static StringIndexerModel Indexer(string handleInvalid, params string[] labels) =>
        new(Info("StringIndexerModel", "3.5.0"), ["c"], ["idx"], [labels], handleInvalid);

    private static Dictionary<string, SparkType> Types(SparkType t) => new() { ["c"] = t };

    [Fact]
    public void StringIndexer_KnownLabel_ReturnsItsPosition()
    {
        var p = Compile(null, Indexer("error", "b", "a", "c"));
        var rows = Score(p, ["idx"], Row(("c", "a")), Row(("c", "c")));
        Assert.Equal(1.0, rows[0]["idx"]);
        Assert.Equal(2.0, rows[1]["idx"]);
    }

    [Fact]
    public void StringIndexer_UnseenLabelWithError_FailsNamingColumnAndValue()
    {
        var r = Score(Compile(null, Indexer("error", "a", "b")), ["idx"], Row(("c", "zzz")))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.UnseenValue, r.Error!.Code);
        Assert.Equal("c", r.Error.Column);
        Assert.Equal("zzz", r.Error.Value);
    }

    [Fact]
    public void StringIndexer_NullWithError_Fails()
    {
        var r = Score(Compile(null, Indexer("error", "a", "b")), ["idx"], Row(("c", null)))[0];
        Assert.Equal(ErrorCode.NullValue, r.Error!.Code);
    }

    [Fact]
    public void StringIndexer_UnseenAndNullWithKeep_GetNumLabels()
    {
        var rows = Score(Compile(null, Indexer("keep", "a", "b")), ["idx"], Row(("c", "zzz")), Row(("c", null)));
        Assert.Equal(2.0, rows[0]["idx"]);
        Assert.Equal(2.0, rows[1]["idx"]);
    }

    [Fact]
    public void StringIndexer_UnseenLabelWithSkip_DropsRow()
    {
        var rows = Score(Compile(null, Indexer("skip", "a", "b")), ["idx"], Row(("c", "zzz")), Row(("c", null)), Row(("c", "b")));
        Assert.Equal(RowState.Skipped, rows[0].State);
        Assert.Equal(RowState.Skipped, rows[1].State);
        Assert.Equal(1.0, rows[2]["idx"]);
    }

    [Fact]
    public void StringIndexer_MultiColumnSkip_DropsRowWhenAnyColumnIsInvalid()
    {
        var stage = new StringIndexerModel(Info("StringIndexerModel", "3.0.0"), ["x", "y"], ["xi", "yi"], [["a"], ["b"]], "skip");
        var rows = Score(Compile(null, stage), ["xi"], Row(("x", "a"), ("y", "nope")), Row(("x", "a"), ("y", "b")));
        Assert.Equal(RowState.Skipped, rows[0].State);
        Assert.Equal("y", rows[0].Error!.Column);
        Assert.Equal(0.0, rows[1]["xi"]);
    }

    [Fact]
    public void StringIndexer_Output_IsNominalWithLabelsAndUnknownWithKeep()
    {
        var p = Compile(null, Indexer("keep", "a", "b"));
        var attr = p.Columns.Single(c => c.Name == "idx").Attribute!;
        Assert.Equal(AttributeKind.Nominal, attr.Kind);
        Assert.Equal(["a", "b", "__unknown"], attr.Values!);
    }

    [Fact]
    public void StringIndexer_IntegerLabels_DeriveLongInput()
    {
        var p = Compile(null, Indexer("error", "8", "4", "6"));
        Assert.Equal(SparkType.Long, p.Inputs.Single().Type);
        Assert.Equal(1.0, Score(p, ["idx"], Row(("c", 4L)))[0]["idx"]);
    }

    [Fact]
    public void StringIndexer_DoubleLabels_DeriveDoubleAndCastTheJavaWay()
    {
        var p = Compile(null, Indexer("error", "1.0", "1.0E10", "-0.0", "0.0"));
        Assert.Equal(SparkType.Double, p.Inputs.Single().Type);
        var rows = Score(p, ["idx"], Row(("c", 1.0)), Row(("c", 1e10)), Row(("c", -0.0)), Row(("c", 0.0)));
        Assert.Equal([0.0, 1.0, 2.0, 3.0], rows.Select(r => (double)r["idx"]!));
    }

    [Fact]
    public void StringIndexer_MixedLabels_DeriveString() =>
        Assert.Equal(SparkType.String, Compile(null, Indexer("error", "1", "x")).Inputs.Single().Type);

    [Fact]
    public void StringIndexer_IntegerColumnAgainstDoubleLabels_IsUnseen()
    {
        // CAST(1 AS STRING) is "1", not "1.0".
        var r = Score(Compile(Types(SparkType.Int), Indexer("error", "1.0")), ["idx"], Row(("c", 1L)))[0];
        Assert.Equal(ErrorCode.UnseenValue, r.Error!.Code);
        Assert.Equal("1", r.Error.Value);
    }

    [Fact]
    public void StringIndexer_FloatColumn_UsesFloatDigits()
    {
        var r = Score(Compile(Types(SparkType.Float), Indexer("error", "0.1", "0.2")), ["idx"], Row(("c", 0.2f)))[0];
        Assert.Equal(1.0, r["idx"]);
    }

    [Fact]
    public void StringIndexer_NaNInDoubleColumnWithSkip_DropsRowEvenIfNaNIsALabel()
    {
        var p = Compile(Types(SparkType.Double), Indexer("skip", "NaN", "1.0"));
        Assert.Equal(RowState.Skipped, Score(p, ["idx"], Row(("c", double.NaN)))[0].State);
        var error = Compile(Types(SparkType.Double), Indexer("error", "NaN", "1.0"));
        Assert.Equal(0.0, Score(error, ["idx"], Row(("c", double.NaN)))[0]["idx"]);
    }

    [Fact]
    public void StringIndexer_DuplicateLabel_MapsToLastPosition() =>
        Assert.Equal(2.0, Score(Compile(null, Indexer("error", "a", "b", "a")), ["idx"], Row(("c", "a")))[0]["idx"]);

    [Fact]
    public void StringIndexer_DecimalInput_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Compile(Types(SparkType.Decimal), Indexer("error", "1.5")));

    [Fact]
    public void StringIndexer_BadHandleInvalid_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Compile(null, Indexer("optimistic", "a")));
}
