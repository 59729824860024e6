using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loader for org.apache.spark.ml.recommendation.ALSModel (reference §7.4).</summary>
internal static class RecommendationStageLoaders
{
    public static void Register(SparkStageRegistry registry)
    {
        registry.Register("org.apache.spark.ml.recommendation.ALSModel", LoadAls);
    }

    /// <summary>No data/: metadata extra rank; userFactors/ and itemFactors/ parquet (id: int, features: array&lt;float&gt;), often many part files.</summary>
    private static StageDefinition LoadAls(SavedStage s)
    {
        var p = s.Params;
        int rank = s.Metadata.ExtraInt("rank");
        if (rank < 1 || rank > 1_000_000)
            throw s.Error($"rank {rank} is out of range.");
        // 2.2+ param; earlier models behave as "nan".
        string coldStart = p.String("coldStartStrategy", "nan").ToLowerInvariant();
        if (coldStart is not ("nan" or "drop"))
            throw s.Error($"coldStartStrategy '{coldStart}' is not one of nan, drop.");
        return new ALSModel(s.Info, p.String("userCol", "user"), p.String("itemCol", "item"), p.String("predictionCol", "prediction"),
            coldStart, ReadFactors(s, "userFactors", rank), ReadFactors(s, "itemFactors", rank));
    }

    private static AlsFactors ReadFactors(SavedStage s, string folder, int rank)
    {
        var rows = s.ReadData(folder);
        var ids = new int[rows.Count];
        var values = new float[checked(rows.Count * rank)];
        for (int i = 0; i < rows.Count; i++)
        {
            ids[i] = rows[i].GetInt("id");
            var features = rows[i].GetFloatArray("features");
            // Spark's predict reads features(0 until rank): a shorter row would fail every prediction that uses it.
            if (features.Length != rank)
                throw s.Error($"{folder}/ id {ids[i]} has {features.Length} factors but rank is {rank}.");
            features.CopyTo(values, i * rank);
        }
        try
        {
            return new AlsFactors(ids, values, rank);
        }
        catch (ArgumentException ex)
        {
            throw s.Error($"{folder}/: {ex.Message}");
        }
    }
}
