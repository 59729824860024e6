namespace Ember.Pipeline;

/// <summary>
/// Which BLAS arithmetic the Spark run used, since dense dot products round differently:
/// netlib-java's F2J reference (Spark ≤ 3.1: one sequential sum) or dev.ludovic.netlib's Java
/// kernels (Spark ≥ 3.2, vectors shorter than 256 and no native BLAS). Which Java kernel runs
/// depends on the cluster's JDK: the zoo's Spark 3.2.1 predictions (gyanendra-stock-linreg-s321)
/// are bit-exact only without FMA (JDK 8 kernel), its Spark 3.5.0 MLP (jpmml-mlp-iris-s350) only
/// with FMA (JDK 11+ kernel). Spark 3.4 made JDK 11+ the usual runtime (and 4.x requires 17),
/// so 3.2–3.3 default to the JDK 8 kernel and 3.4+ to the JDK 11 one. The saving Spark version is
/// the best evidence of the runtime to match; a bundle can name the flavor explicitly.
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
    public static BlasFlavor For(SparkVersion version) => version.AtLeast(3, 4) ? BlasFlavor.Java11 : version.AtLeast(3, 2) ? BlasFlavor.Java8 : BlasFlavor.F2j;
}
