using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class BucketizerTests
{
    private static CompiledPipeline Bucketizer(string handleInvalid, string version = "3.5.0", params double[] splits) =>
        Compile(null, new Bucketizer(Info("Bucketizer", version), ["x"], ["b"],
            [splits.Length == 0 ? [double.NegativeInfinity, 0.0, 10.0, double.PositiveInfinity] : splits], handleInvalid));

    [Fact]
    public void Bucketizer_Values_GoToHalfOpenBucketsLastClosed()
    {
        var p = Bucketizer("error", "3.5.0", 0.0, 10.0, 20.0);
        var rows = Score(p, ["b"], Row(("x", 0.0)), Row(("x", 9.99)), Row(("x", 10.0)), Row(("x", 20.0)));
        Assert.Equal([0.0, 0.0, 1.0, 1.0], rows.Select(r => (double)r["b"]!));
    }

    [Fact]
    public void Bucketizer_NegativeZero_SortsBelowZeroSplit()
    {
        var rows = Score(Bucketizer("error", "3.5.0", -1.0, 0.0, 1.0), ["b"], Row(("x", -0.0)), Row(("x", 0.0)));
        Assert.Equal(0.0, rows[0]["b"]);
        Assert.Equal(1.0, rows[1]["b"]);
    }

    [Fact]
    public void Bucketizer_OutOfBounds_FailsEvenWithKeep()
    {
        var r = Score(Bucketizer("keep", "3.5.0", 0.0, 10.0, 20.0), ["b"], Row(("x", 25.0)))[0];
        Assert.Equal(ErrorCode.OutOfRange, r.Error!.Code);
        Assert.Equal("25.0", r.Error.Value);
    }

    [Fact]
    public void Bucketizer_NaN_ErrorFailsKeepExtraBucketSkipDrops()
    {
        Assert.Equal(ErrorCode.InvalidValue, Score(Bucketizer("error"), ["b"], Row(("x", double.NaN)))[0].Error!.Code);
        Assert.Equal(3.0, Score(Bucketizer("keep"), ["b"], Row(("x", double.NaN)))[0]["b"]);
        Assert.Equal(RowState.Skipped, Score(Bucketizer("skip"), ["b"], Row(("x", double.NaN)))[0].State);
    }

    [Fact]
    public void Bucketizer_Null_GivesNullUnlessSkip()
    {
        var r = Score(Bucketizer("error"), ["b"], Row(("x", null)))[0];
        Assert.Equal(RowState.Ok, r.State);
        Assert.Null(r["b"]);
        Assert.Equal(RowState.Skipped, Score(Bucketizer("skip"), ["b"], Row(("x", null)))[0].State);
    }

    [Fact]
    public void Bucketizer_SkipBefore23_DropsRowsWithNaNInAnyColumn()
    {
        var stages = new StageDefinition[]
        {
            new ImputerModel(Info("ImputerModel", "2.2.0"), ["other"], ["o2"], [1.0], -1.0),
            new Bucketizer(Info("Bucketizer", "2.2.0"), ["x"], ["b"], [[0.0, 1.0, 2.0]], "skip"),
        };
        var rows = Score(Compile(null, stages), ["b"], Row(("x", 0.5), ("other", double.NaN)), Row(("x", 0.5), ("other", 3.0)));
        Assert.Equal(RowState.Skipped, rows[0].State);
        Assert.Equal(RowState.Ok, rows[1].State);
        var modern = new StageDefinition[]
        {
            new ImputerModel(Info("ImputerModel", "2.3.0"), ["other"], ["o2"], [1.0], -1.0),
            new Bucketizer(Info("Bucketizer", "2.3.0"), ["x"], ["b"], [[0.0, 1.0, 2.0]], "skip"),
        };
        Assert.Equal(RowState.Ok, Score(Compile(null, modern), ["b"], Row(("x", 0.5), ("other", double.NaN)))[0].State);
    }

    [Fact]
    public void Bucketizer_MultiColumn_UsesEachSplits()
    {
        var p = Compile(new Dictionary<string, SparkType> { ["w"] = SparkType.Int },
            new Bucketizer(Info("Bucketizer", "2.4.0"), ["h", "w"], ["hb", "wb"],
                [[double.NegativeInfinity, 67.0, 72.0, double.PositiveInfinity], [double.NegativeInfinity, 1990.0, double.PositiveInfinity]], "error"));
        var r = Score(p, ["hb", "wb"], Row(("h", 70.0), ("w", 2000L)))[0];
        Assert.Equal(1.0, r["hb"]);
        Assert.Equal(1.0, r["wb"]);
    }

    [Fact]
    public void Bucketizer_Output_IsOrdinalNominalWithBucketNames()
    {
        var attr = Bucketizer("keep").Columns.Single(c => c.Name == "b").Attribute!;
        Assert.True(attr.IsOrdinal);
        Assert.Equal(["-Infinity, 0.0", "0.0, 10.0", "10.0, Infinity"], attr.Values!);
    }

    [Fact]
    public void Bucketizer_UnsortedSplits_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Bucketizer("error", "3.5.0", 0.0, 5.0, 5.0));
}
