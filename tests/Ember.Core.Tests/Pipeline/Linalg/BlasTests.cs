using Ember.Pipeline;
using Xunit;

namespace Ember.Core.Tests.Pipeline.Linalg;

public class BlasTests
{
    [Fact]
    public void BlasFlavors_Spark4_DotsWithVectorBlas_MatricesStayJava11()
    {
        var v41 = new SparkVersion(4, 1, 0);
        Assert.Equal(BlasFlavor.VectorApi, BlasFlavors.For(v41));
        Assert.Equal(BlasFlavor.Java11, BlasFlavors.ForMatrix(v41));
        Assert.Equal(BlasFlavor.Java8, BlasFlavors.For(new SparkVersion(3, 5, 1)));
        Assert.True(BlasFlavors.TryParse("Vector", out var parsed));
        Assert.Equal(BlasFlavor.VectorApi, parsed);
    }

    [Theory]
    [InlineData(BlasFlavor.VectorApi, 7.210000000000001)]
    [InlineData(BlasFlavor.Java11, 7.21)]
    [InlineData(BlasFlavor.Java8, 7.209999999999999)]
    public void DotDense_NineTerms_RoundsAsEachKernel(BlasFlavor flavor, double expected)
    {
        // Expectations from exact rational arithmetic (Python fractions) of each kernel's order:
        // VectorBLAS fuses the two 4-lane blocks but not the tail, Java11BLAS fuses both, Java8BLAS neither.
        double[] x = [0.3, 2.9, 0.7, 0.7, 1.3, 1.1, 1.1, 1.3, 1.1];
        double[] y = [0.3, 0.9, 1.7, 1.7, 0.1, 0.9, 0.1, 0.1, 0.7];
        Assert.Equal(expected, Blas.DotDense(x, y, flavor));
    }
}
