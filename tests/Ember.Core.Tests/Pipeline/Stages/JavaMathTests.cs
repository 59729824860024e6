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

    [Theory]
    [InlineData(0.5, 1L)]
    [InlineData(-0.5, 0L)]
    [InlineData(-1.5, -1L)]
    [InlineData(0.49999999999999994, 0L)]
    [InlineData(4503599627370497.0, 4503599627370497L)]
    [InlineData(double.NaN, 0L)]
    [InlineData(double.NegativeInfinity, long.MinValue)]
    public void Round_FollowsJavaMathRound(double x, long expected) => Assert.Equal(expected, JavaMath.Round(x));

    [Theory]
    [InlineData(1.0, double.NaN, double.NaN)]
    [InlineData(-1.0, double.PositiveInfinity, double.NaN)]
    [InlineData(1.0, double.NegativeInfinity, double.NaN)]
    [InlineData(double.NaN, 0.0, 1.0)]
    [InlineData(-8.0, 1.0 / 3.0, double.NaN)]
    [InlineData(2.0, -1.0, 0.5)]
    public void Pow_FollowsJavaMathPow(double x, double y, double expected) => Assert.Equal(expected, JavaMath.Pow(x, y));
}
