using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class VectorIndexerModelTests
{
    // Feature 0 continuous; feature 1 categorical {0.0→0, 5.0→1, 2.0→2}; feature 2 binary {0.0→0, 1.0→1}.
    private static CompiledPipeline Indexer(string handleInvalid) =>
        Compile(new Dictionary<string, SparkType> { ["f"] = SparkType.Vector },
            new VectorIndexerModel(Info("VectorIndexerModel", "3.3.0"), "f", "o", 3,
                new Dictionary<int, IReadOnlyDictionary<double, int>>
                {
                    [1] = new Dictionary<double, int> { [0.0] = 0, [5.0] = 1, [2.0] = 2 },
                    [2] = new Dictionary<double, int> { [0.0] = 0, [1.0] = 1 },
                }, handleInvalid));

    [Fact]
    public void VectorIndexer_Dense_MapsEveryCategoricalSlot()
    {
        var v = Score(Indexer("error"), ["o"], Row(("f", SparkVector.Dense([7.5, 5.0, 1.0]))))[0].Vector("o");
        Assert.True(v.IsDense);
        Assert.Equal([7.5, 1.0, 1.0], v.Values);
    }

    [Fact]
    public void VectorIndexer_Sparse_MapsStoredEntriesAndStaysSparse()
    {
        var v = Score(Indexer("error"), ["o"], Row(("f", SparkVector.Sparse(3, [1], [2.0]))))[0].Vector("o");
        Assert.False(v.IsDense);
        Assert.Equal([1], v.Indices!);
        Assert.Equal([2.0], v.Values);
    }

    [Fact]
    public void VectorIndexer_UnseenCategory_ErrorFailsKeepMapSizeSkipDrops()
    {
        var row = Row(("f", SparkVector.Dense([0.0, 9.0, 0.0])));
        var failed = Score(Indexer("error"), ["o"], row)[0];
        Assert.Equal(ErrorCode.UnseenValue, failed.Error!.Code);
        Assert.Equal("9.0", failed.Error.Value);
        Assert.Equal([0.0, 3.0, 0.0], Score(Indexer("keep"), ["o"], row)[0].Vector("o").Values);
        Assert.Equal(RowState.Skipped, Score(Indexer("skip"), ["o"], row)[0].State);
    }

    [Fact]
    public void VectorIndexer_NaNAndNegativeZero_FollowScalaMapEquality()
    {
        var rows = Score(Indexer("keep"), ["o"], Row(("f", SparkVector.Dense([0.0, double.NaN, -0.0]))));
        Assert.Equal([0.0, 3.0, 0.0], rows[0].Vector("o").Values);
    }

    [Fact]
    public void VectorIndexer_WrongSizeOrNull_FailsRow()
    {
        var rows = Score(Indexer("keep"), ["o"], Row(("f", SparkVector.Dense([1.0]))), Row(("f", null)));
        Assert.Equal(ErrorCode.VectorSizeMismatch, rows[0].Error!.Code);
        Assert.Equal(ErrorCode.NullValue, rows[1].Error!.Code);
    }

    [Fact]
    public void VectorIndexer_OutputAttributes_NominalAndBinarySlotsWithSortedValues()
    {
        var attrs = Indexer("error").Columns.Single(c => c.Name == "o").Vector!.Attributes!;
        Assert.Equal(AttributeKind.Numeric, attrs[0].Kind);
        Assert.Equal(AttributeKind.Nominal, attrs[1].Kind);
        Assert.Equal(["0.0", "2.0", "5.0"], attrs[1].Values!);
        Assert.Equal(AttributeKind.Binary, attrs[2].Kind);
        var keep = Indexer("keep").Columns.Single(c => c.Name == "o").Vector!.Attributes!;
        Assert.Equal(AttributeKind.Nominal, keep[2].Kind);
        Assert.Equal(["0.0", "1.0", "__unknown"], keep[2].Values!);
    }
}
