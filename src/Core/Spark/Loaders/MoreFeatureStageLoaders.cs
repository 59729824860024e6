using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for DCT, MinHashLSHModel, BucketedRandomProjectionLSHModel, TargetEncoderModel.</summary>
internal static class MoreFeatureStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "DCT", LoadDct);
        registry.Register(Package + "MinHashLSHModel", LoadMinHash);
        registry.Register(Package + "BucketedRandomProjectionLSHModel", LoadBucketedRandomProjection);
        registry.Register(Package + "TargetEncoderModel", LoadTargetEncoder);
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

    /// <summary>
    /// Spark 4.0+: data has one row per input column: index: int, categories, counts, stats:
    /// array&lt;double&gt; (TargetEncoderModelWriter). Columns as TargetEncoderBase: inputCol if set,
    /// else inputCols; outputCol if set, else outputCols, else each input + "_indexed".
    /// </summary>
    private static StageDefinition LoadTargetEncoder(SavedStage s)
    {
        string[] inputs = s.Params.IsSet("inputCol") ? [s.Params.RequiredString("inputCol")]
            : s.Params.IsSet("inputCols") ? s.Params.StringArray("inputCols")!
            : throw s.Error("At least one input column must be specified (inputCol or inputCols).");
        string[] outputs = s.Params.IsSet("outputCol") ? [s.Params.RequiredString("outputCol")]
            : s.Params.IsSet("outputCols") ? s.Params.StringArray("outputCols")!
            : Array.ConvertAll(inputs, c => c + "_indexed");
        if (inputs.Length != outputs.Length)
            throw s.Error($"The number of input columns {inputs.Length} must be the same as the number of output columns {outputs.Length}.");
        var rows = s.ReadData();
        var byIndex = new TargetEncoderColumnStats?[rows.Count];
        foreach (var row in rows)
        {
            int index = row.GetInt("index");
            if (index < 0 || index >= rows.Count || byIndex[index] is not null)
                throw row.Error("index", $"{index} is out of range or repeated for {rows.Count} rows");
            double[] categories = row.GetDoubleArray("categories"), counts = row.GetDoubleArray("counts"), stats = row.GetDoubleArray("stats");
            if (counts.Length != categories.Length || stats.Length != categories.Length)
                throw row.Error("categories", $"{categories.Length} categories, {counts.Length} counts and {stats.Length} stats; expected equal lengths");
            byIndex[index] = new TargetEncoderColumnStats(categories, counts, stats);
        }
        return new TargetEncoderModel(s.Info, inputs, outputs, byIndex.Select(b => b!).ToArray(),
            s.Params.String("handleInvalid", "error"), s.Params.String("targetType", "binary"), s.Params.Double("smoothing", 0.0));
    }
}
