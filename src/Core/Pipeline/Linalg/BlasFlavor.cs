namespace Ember.Pipeline;

/// <summary>
/// Which BLAS arithmetic the Spark run used, since dense products round differently: netlib-java's
/// F2J reference (Spark ≤ 3.1: sequential sums) or dev.ludovic.netlib's Java kernels (Spark ≥ 3.2,
/// sizes below the native threshold, no native BLAS installed). On JDK 11+ those are Java11BLAS,
/// which uses FMA in its matrix routines (dgemv, dgemm) but keeps Java8BLAS's plain ddot. The zoo
/// agrees: Spark 3.2.1 and 3.5.1 dot products (gyanendra-stock-linreg-s321,
/// kamalkataria-diabetes-logreg-s351) are bit-exact without FMA; the 3.5.0 PCA + MLP
/// (jpmml-mlp-iris-s350: dgemv, dgemm) only with it. From Spark 4.0 the JVM gets the Vector API
/// module, so the same library loads VectorBLAS instead (see <see cref="BlasFlavor.VectorApi"/>).
/// </summary>
public enum BlasFlavor
{
    /// <summary>Sequential s += x[i]*y[i] (multiply and add rounded separately).</summary>
    F2j,
    /// <summary>dev.ludovic.netlib Java8BLAS: 4 accumulators (multiply, then add), their sum, then the tail.</summary>
    Java8,
    /// <summary>dev.ludovic.netlib Java11BLAS: the same shape with FMA.</summary>
    Java11,
    /// <summary>
    /// dev.ludovic.netlib VectorBLAS, which JavaBLAS.getInstance() picks when jdk.incubator.vector is
    /// loaded: Spark 4.0 adds --add-modules=jdk.incubator.vector to launcher JavaModuleOptions
    /// (SPARK-48021, apache/spark#46246). Its ddotK: DoubleVector lanes accumulated with fma, then
    /// reduceLanes(ADD) (lane order), then a plain multiply-add tail. Modelled on 4 lanes (256-bit
    /// AVX2 species); an AVX-512 JVM would use 8. Only ddot: dgemv/dgemm keep <see cref="Java11"/>
    /// until a Spark 4 model with a dense matrix product shows what they do.
    /// </summary>
    VectorApi,
}

public static class BlasFlavors
{
    // Set by PipelineBuilder while it compiles (compilation is synchronous, one builder per thread),
    // so every stage, including ones added later, honours a bundle's "blas" without each stage
    // having to thread it through.
    [ThreadStatic]
    private static BlasFlavor? t_override;

    /// <summary>
    /// Level 1 (ddot): the JDK 8 kernel from 3.2 on, which JDK 11+ runs too; VectorBLAS from 4.0
    /// (jpmml-glm-visit-s410: every dense 4.1 feature vector is bit-exact only with it).
    /// </summary>
    public static BlasFlavor For(SparkVersion version) => t_override switch
    {
        BlasFlavor.Java11 => BlasFlavor.Java8, // Java11BLAS keeps Java8BLAS's plain ddot
        { } chosen => chosen,
        null => version.AtLeast(4, 0) ? BlasFlavor.VectorApi : version.AtLeast(3, 2) ? BlasFlavor.Java8 : BlasFlavor.F2j,
    };

    /// <summary>Levels 2 and 3 (dgemv, dgemm): Java11BLAS's FMA kernels from 3.2 on (JDK 11+, Spark's usual runtime since 3.x).</summary>
    public static BlasFlavor ForMatrix(SparkVersion version) => t_override switch
    {
        BlasFlavor.VectorApi => BlasFlavor.Java11, // matrix kernels of VectorBLAS are not modelled (see VectorApi)
        { } chosen => chosen,
        null => version.AtLeast(3, 2) ? BlasFlavor.Java11 : BlasFlavor.F2j,
    };

    /// <summary>Parses a bundle manifest's "blas" value: "f2j", "java8", "java11" or "vector" (any case).</summary>
    public static bool TryParse(string? text, out BlasFlavor flavor)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "f2j": flavor = BlasFlavor.F2j; return true;
            case "java8": flavor = BlasFlavor.Java8; return true;
            case "java11": flavor = BlasFlavor.Java11; return true;
            case "vector": flavor = BlasFlavor.VectorApi; return true;
            default: flavor = default; return false;
        }
    }

    /// <summary>
    /// Makes <see cref="For"/> and <see cref="ForMatrix"/> answer as the BLAS <paramref name="flavor"/>
    /// names (the run Spark made used it), on this thread, until the scope is disposed.
    /// </summary>
    internal static OverrideScope Override(BlasFlavor? flavor)
    {
        var previous = t_override;
        t_override = flavor;
        return new OverrideScope(previous);
    }

    internal readonly struct OverrideScope(BlasFlavor? previous) : IDisposable
    {
        public void Dispose() => t_override = previous;
    }
}
