using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for DCT, MinHashLSHModel, BucketedRandomProjectionLSHModel; known-unsupported feature models with the reason.</summary>
internal static class MoreFeatureStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "DCT", LoadDct);
        registry.Register(Package + "MinHashLSHModel", LoadMinHash);
        registry.Register(Package + "BucketedRandomProjectionLSHModel", LoadBucketedRandomProjection);
        registry.RegisterUnsupported(Package + "TargetEncoderModel",
            "Spark 4.0's TargetEncoderModel: its saved statistics and smoothing have not been verified against Spark 4 yet");
    }

    /// <summary>Params only: inputCol, outputCol, inverse (default false).</summary>
    private static StageDefinition LoadDct(SavedStage s) =>
        new DCT(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.Params.Bool("inverse", false));

    /// <summary>data: randCoefficients: array&lt;int&gt; (a0, b0, a1, b1, …).</summary>
    private static StageDefinition LoadMinHash(SavedStage s)
    {
        var coefficients = s.ReadSingleRow().GetIntArray("randCoefficients");
        if (coefficients.Length == 0 || coefficients.Length % 2 != 0)
            throw s.Error($"randCoefficients holds {coefficients.Length} values; expected (a, b) pairs.");
        return new MinHashLSHModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), coefficients);
    }

    /// <summary>data: randUnitVectors: matrix (numHashTables × dimension); bucketLength is a required param.</summary>
    private static StageDefinition LoadBucketedRandomProjection(SavedStage s)
    {
        double bucketLength = s.Params.RequiredDouble("bucketLength");
        if (!(bucketLength > 0))
            throw s.Error($"bucketLength {bucketLength} must be > 0.");
        var matrix = s.ReadSingleRow().GetMatrix("randUnitVectors");
        return new BucketedRandomProjectionLSHModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), bucketLength, matrix);
    }
}
