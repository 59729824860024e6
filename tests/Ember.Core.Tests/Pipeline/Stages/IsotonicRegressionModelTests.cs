using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class IsotonicRegressionModelTests
{
    private static IsotonicRegressionModel Model(int featureIndex = 0) =>
        new(Info("IsotonicRegressionModel", "3.5.0"), "x", "prediction", featureIndex, [1.0, 2.0, 2.0, 4.0], [10.0, 20.0, 30.0, 50.0]);

    private static double? Scalar(double? x) =>
        (double?)Score(Compile(new Dictionary<string, SparkType> { ["x"] = SparkType.Double }, Model()), ["prediction"], Row(("x", x)))[0]["prediction"];

    [Theory]
    [InlineData(0.5, 10.0)]       // below the range
    [InlineData(1.0, 10.0)]       // exact hit on the first boundary
    [InlineData(1.5, 15.0)]       // interpolation
    [InlineData(3.0, 40.0)]       // interpolation after the duplicate
    [InlineData(4.0, 50.0)]
    [InlineData(9.0, 50.0)]       // above the range
    [InlineData(double.NaN, 50.0)]
    public void Isotonic_Scalar_FollowsJavaBinarySearch(double x, double expected) => Assert.Equal(expected, Scalar(x));

    [Fact]
    public void Isotonic_DuplicateBoundary_ExactHitTakesTheIndexJavaLandsOn()
    {
        // Arrays.binarySearch([1,2,2,4], 2.0): mid = 1 hits first.
        Assert.Equal(1, JavaMath.BinarySearch([1.0, 2.0, 2.0, 4.0], 2.0));
        Assert.Equal(20.0, Scalar(2.0));
        Assert.Equal(-1, JavaMath.BinarySearch([0.0, 1.0], -0.0));
    }

    [Fact]
    public void Isotonic_NullScalar_GivesNull() => Assert.Null(Scalar(null));

    [Fact]
    public void Isotonic_VectorInput_UsesFeatureIndex_OutOfRangeFailsRow()
    {
        var p = Compile(new Dictionary<string, SparkType> { ["x"] = SparkType.Vector }, Model(1));
        Assert.Equal(15.0, Score(p, ["prediction"], Row(("x", SparkVector.Dense([100.0, 1.5]))))[0]["prediction"]);
        Assert.Equal(10.0, Score(p, ["prediction"], Row(("x", SparkVector.Sparse(3, [0], [100.0]))))[0]["prediction"]);
        var r = Score(p, ["prediction"], Row(("x", SparkVector.Dense([1.0]))))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.OutOfRange, r.Error!.Code);
    }
}
