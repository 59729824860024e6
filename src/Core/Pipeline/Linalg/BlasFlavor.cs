namespace Ember.Pipeline;

/// <summary>
/// Which BLAS arithmetic the Spark run used, since dense dot products round differently:
/// netlib-java's F2J reference (Spark ≤ 3.1: one sequential sum) or dev.ludovic.netlib's Java
/// kernels (Spark ≥ 3.2, vectors shorter than 256 and no native BLAS). Which Java kernel runs
/// depends on the cluster's JDK; the zoo's Spark 3.2.1 predictions (gyanendra-stock-linreg-s321)
/// are bit-exact only without FMA, so ≥ 3.2 defaults to the JDK 8 kernel (four plain
/// accumulators). The saving Spark version is the best evidence of the runtime to match.
/// </summary>
public enum BlasFlavor
{
    /// <summary>Sequential s += x[i]*y[i] (multiply and add rounded separately).</summary>
    F2j,
    /// <summary>dev.ludovic.netlib Java8BLAS: 4 accumulators (multiply, then add), their sum, then the tail.</summary>
    Java8,
    /// <summary>dev.ludovic.netlib Java11BLAS: the same shape with FMA.</summary>
    Java11,
}

public static class BlasFlavors
{
    public static BlasFlavor For(SparkVersion version) => version.AtLeast(3, 2) ? BlasFlavor.Java8 : BlasFlavor.F2j;
}
