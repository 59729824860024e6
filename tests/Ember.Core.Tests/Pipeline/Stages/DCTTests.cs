using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class DCTTests
{
    [Fact]
    public void DCT_Length2_IsTheOrthonormalHaarPair()
    {
        var p = Compile(null, new DCT(Info("DCT", "3.5.0"), "x", "y", inverse: false));
        var y = Score(p, ["y"], Row(("x", SparkVector.Dense([1.0, 3.0]))))[0].Vector("y").Values;
        Assert.Equal(4.0 / Math.Sqrt(2.0), y[0], 15);
        Assert.Equal(-2.0 / Math.Sqrt(2.0), y[1], 15);
    }

    [Fact]
    public void DCT_InverseUndoesForward_WithinUlps()
    {
        var x = Enumerable.Range(0, 33).Select(i => Math.Sin(i * 0.7) * 10 + i).ToArray();
        var forward = new double[x.Length];
        var back = new double[x.Length];
        DCT.Transform(x, forward, inverse: false);
        DCT.Transform(forward, back, inverse: true);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(back[i] - x[i]) <= 1e-13 * 40, $"element {i}: {back[i]} vs {x[i]}");
        // Orthonormal: the energy is preserved.
        Assert.Equal(x.Sum(v => v * v), forward.Sum(v => v * v), 9);
    }

    [Fact]
    public void DCT_SparseInput_IsDenseOutput_NullFails()
    {
        var p = Compile(null, new DCT(Info("DCT", "3.5.0"), "x", "y", inverse: true));
        var results = Score(p, ["y"], Row(("x", SparkVector.Sparse(3, [1], [2.0]))), Row(("x", null)));
        Assert.True(results[0].Vector("y").IsDense);
        Assert.Equal(RowState.Failed, results[1].State);
    }
}
