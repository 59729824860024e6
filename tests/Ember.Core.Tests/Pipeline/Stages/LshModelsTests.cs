using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class LshModelsTests
{
    [Fact]
    public void MinHash_HashIsMinOverNonZeroIndices_OneVectorPerTable()
    {
        int[] coefficients = [3, 7, 1_000_000_007, 5];
        var p = Compile(null, new MinHashLSHModel(Info("MinHashLSHModel", "3.5.0"), "keys", "hashes", coefficients));
        var r = Score(p, ["hashes"], Row(("keys", SparkVector.Sparse(10, [2, 5, 7], [1.0, 0.0, 1.0]))))[0];
        var hashes = (SparkVector[])r["hashes"]!;
        Assert.Equal(2, hashes.Length);
        // Index 5 holds an explicit zero: only 2 and 7 count.
        Assert.Equal((double)Math.Min((3L * 3 + 7) % 2038074743, (8L * 3 + 7) % 2038074743), hashes[0].Values.Single());
        Assert.Equal((double)Math.Min((3L * 1_000_000_007 + 5) % 2038074743, (8L * 1_000_000_007 + 5) % 2038074743), hashes[1].Values.Single());
    }

    [Fact]
    public void MinHash_Spark2_UsesWrappingIntArithmetic()
    {
        var p = Compile(null, new MinHashLSHModel(Info("MinHashLSHModel", "2.4.0"), "keys", "hashes", [1_000_000_007, 5]));
        var r = Score(p, ["hashes"], Row(("keys", SparkVector.Sparse(10, [7], [1.0]))))[0];
        int expected = unchecked(8 * 1_000_000_007 + 5) % 2038074743;
        Assert.True(expected < 0, "the case must overflow to exercise the 2.x arithmetic");
        Assert.Equal((double)expected, ((SparkVector[])r["hashes"]!)[0].Values.Single());
    }

    [Fact]
    public void MinHash_AllZeroVector_FailsRow()
    {
        var p = Compile(null, new MinHashLSHModel(Info("MinHashLSHModel", "3.5.0"), "keys", "hashes", [3, 7]));
        var r = Score(p, ["hashes"], Row(("keys", SparkVector.Sparse(4, [], []))))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Contains("non zero", r.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BucketedRandomProjection_HashIsFloorOfProjectionOverBucketLength()
    {
        var units = new SparkMatrix(2, 2, [0.6, 0.8, -0.8, 0.6], isTransposed: true);
        var p = Compile(null, new BucketedRandomProjectionLSHModel(Info("BucketedRandomProjectionLSHModel", "3.5.0"), "x", "h", 2.0, units));
        var r = Score(p, ["h"], Row(("x", SparkVector.Dense([3.0, 4.0]))))[0];
        var hashes = (SparkVector[])r["h"]!;
        Assert.Equal(Math.Floor(1.0 / 2.0 * (3.0 * 0.6 + 4.0 * 0.8)), hashes[0].Values.Single());
        Assert.Equal(Math.Floor(1.0 / 2.0 * (3.0 * -0.8 + 4.0 * 0.6)), hashes[1].Values.Single());
    }
}
