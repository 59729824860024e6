namespace Ember.Pipeline;

/// <summary>
/// Which BLAS arithmetic the Spark run used, since dense dot products round differently:
/// netlib-java's F2J reference (Spark ≤ 3.1: one sequential sum) or dev.ludovic.netlib's Java
/// kernels (Spark ≥ 3.2 without native BLAS; on JDK 11+ the "Java11" kernel: four FMA
/// accumulators). The saving Spark version is the best evidence of the runtime that will be
/// matched.
/// </summary>
public enum BlasFlavor
{
    /// <summary>Sequential s += x[i]*y[i] (multiply and add rounded separately).</summary>
    F2j,
    /// <summary>dev.ludovic.netlib Java11BLAS: 4 FMA accumulators, then the tail with FMA.</summary>
    Java11,
}

public static class BlasFlavors
{
    public static BlasFlavor For(SparkVersion version) => version.AtLeast(3, 2) ? BlasFlavor.Java11 : BlasFlavor.F2j;
}
