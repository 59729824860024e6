using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class KMeansModelTests
{
    private static readonly SparkVector[] Centers =
        [SparkVector.Dense([0.0, 0.0]), SparkVector.Dense([4.0, 0.0]), SparkVector.Dense([0.0, 4.0]), SparkVector.Dense([4.0, 4.0])];

    private static CompiledPipeline Model(string version, string measure = "euclidean", SparkVector[]? centers = null) =>
        Compile(null, new KMeansModel(Info("KMeansModel", version), "features", "cluster", measure, centers ?? Centers));

    private static object? Cluster(CompiledPipeline p, SparkVector x) => Score(p, ["cluster"], Row(("features", x)))[0]["cluster"];

    [Theory]
    [InlineData("2.4.0")]
    [InlineData("3.0.1")]
    [InlineData("3.1.1")]
    [InlineData("3.5.0")]
    public void KMeans_Euclidean_ClosestCenter_TiesGoToLowerIndex(string version)
    {
        var p = Model(version);
        Assert.Equal(SparkType.Int, p.Columns.Single(c => c.Name == "cluster").Type);
        Assert.Equal(3L, Cluster(p, SparkVector.Dense([3.5, 3.0])));
        Assert.Equal(1L, Cluster(p, SparkVector.Sparse(2, [0], [3.9])));
        // Exactly as far from center 0 as from center 1 (both squared distances compute to 4.0): the lower index wins.
        Assert.Equal(0L, Cluster(p, SparkVector.Dense([2.0, 0.0])));
    }

    [Fact]
    public void KMeans_TriangleSearch_AgreesWithScanOnManyPoints()
    {
        var random = new Random(7);
        var centers = Enumerable.Range(0, 12).Select(_ => SparkVector.Dense([random.NextDouble() * 10, random.NextDouble() * 10, random.NextDouble()])).ToArray();
        var scan = Model("3.0.0", centers: centers);
        var triangle = Model("3.5.0", centers: centers);
        for (int i = 0; i < 200; i++)
        {
            var x = SparkVector.Dense([random.NextDouble() * 10, random.NextDouble() * 10, random.NextDouble()]);
            Assert.Equal(Cluster(scan, x), Cluster(triangle, x));
        }
    }

    [Fact]
    public void KMeans_Cosine_UsesAngles_ZeroVectorFailsRow()
    {
        SparkVector[] centers = [SparkVector.Dense([1.0, 0.0]), SparkVector.Dense([0.0, 1.0])];
        foreach (var version in new[] { "2.4.0", "3.5.0" })
        {
            var p = Model(version, "cosine", centers);
            Assert.Equal(1L, Cluster(p, SparkVector.Dense([1.0, 100.0])));
            Assert.Equal(0L, Cluster(p, SparkVector.Dense([100.0, 99.0])));
            var r = Score(p, ["cluster"], Row(("features", SparkVector.Dense([0.0, 0.0]))))[0];
            Assert.Equal(RowState.Failed, r.State);
        }
    }

    [Fact]
    public void KMeans_SingleCenter_AlwaysZero() =>
        Assert.Equal(0L, Cluster(Model("3.5.0", centers: [SparkVector.Dense([1.0, 1.0])]), SparkVector.Dense([9.0, 9.0])));

    [Fact]
    public void ClusterDistance_SparseAndDenseExactDistances_Agree()
    {
        var a = SparkVector.Dense([1.0, 0.0, 3.0, 0.5]);
        var b = SparkVector.Sparse(4, [1, 2], [2.0, 1.0]);
        double expected = ClusterDistance.SquaredDistance(a.View, SparkVector.Dense(b.ToArray()).View);
        Assert.Equal(expected, ClusterDistance.SquaredDistance(a.View, b.View));
        Assert.Equal(expected, ClusterDistance.SquaredDistance(b.View, a.View));
        Assert.Equal(expected, ClusterDistance.SquaredDistance(SparkVector.Sparse(4, [0, 2, 3], [1.0, 3.0, 0.5]).View, b.View));
    }
}

public class BisectingKMeansModelTests
{
    [Fact]
    public void BisectingKMeans_DescendsToTheCloserChild()
    {
        BisectingNode[] nodes =
        [
            new(-1, SparkVector.Dense([5.0, 5.0]), Math.Sqrt(50), [-2, 2]),
            new(-2, SparkVector.Dense([1.0, 1.0]), Math.Sqrt(2), [0, 1]),
            new(0, SparkVector.Dense([0.0, 0.0]), 0.0, []),
            new(1, SparkVector.Dense([2.0, 2.0]), Math.Sqrt(8), []),
            new(2, SparkVector.Dense([9.0, 9.0]), Math.Sqrt(162), []),
        ];
        var p = Compile(null, new BisectingKMeansModel(Info("BisectingKMeansModel", "3.0.0"), "features", "prediction", "euclidean", -1, nodes));
        object? Predict(double a, double b) => Score(p, ["prediction"], Row(("features", SparkVector.Dense([a, b]))))[0]["prediction"];
        Assert.Equal(0L, Predict(0.1, 0.2));
        Assert.Equal(1L, Predict(1.9, 2.5));
        Assert.Equal(2L, Predict(8.0, 7.0));
        // (1,1) is as far from child 0 as from child 1: the first child wins.
        Assert.Equal(0L, Predict(1.0, 1.0));
    }

    [Fact]
    public void BisectingKMeans_ChildThatIsNotSaved_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new BisectingKMeansModel(Info("BisectingKMeansModel", "3.0.0"), "features", "prediction", "euclidean", 0,
            [new BisectingNode(0, SparkVector.Dense([0.0]), 0.0, [1, 2]), new BisectingNode(1, SparkVector.Dense([0.0]), 0.0, [])]));
}
