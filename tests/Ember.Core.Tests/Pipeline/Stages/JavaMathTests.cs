using Xunit;
using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline.Stages;

public class JavaMathTests
{
    [Fact]
    public void BinarySearch_NegativeZeroSortsBelowZero()
    {
        double[] a = [-1.0, 0.0, 1.0];
        Assert.Equal(1, JavaMath.BinarySearch(a, 0.0));
        Assert.Equal(-2, JavaMath.BinarySearch(a, -0.0));
        Assert.Equal(-4, JavaMath.BinarySearch(a, double.NaN));
        Assert.Equal(-1, JavaMath.BinarySearch(a, -5.0));
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(-1.7, -1)]
    [InlineData(1.7, 1)]
    [InlineData(1e300, int.MaxValue)]
    [InlineData(-1e300, int.MinValue)]
    public void DoubleToInt_FollowsJavaCast(double x, int expected) => Assert.Equal(expected, JavaMath.DoubleToInt(x));
}
