using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for GaussianMixtureModel and FPGrowthModel; LDA models registered as unsupported with the reason (reference §7.3).</summary>
internal static class MoreClusteringStageLoaders
{
    private const string Package = "org.apache.spark.ml.clustering.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "GaussianMixtureModel", LoadGaussianMixture);
        // Newer Spark seeds transform's start from the model's seed, so it is deterministic; matching
        // it means reproducing commons-math's Mersenne Twister, Breeze's Gamma sampler and digamma
        // bit for bit, which Ember does not do yet.
        const string lda = "LDA's transform infers topic distributions by variational inference from a Gamma-distributed random start "
            + "(drawn with Breeze and commons-math generators), which Ember does not reproduce yet";
        registry.RegisterUnsupported(Package + "LocalLDAModel", lda);
        registry.RegisterUnsupported(Package + "DistributedLDAModel", lda);
        registry.Register("org.apache.spark.ml.fpm.FPGrowthModel", LoadFPGrowth);
    }

    /// <summary>data: one row weights: array&lt;double&gt;, mus: array&lt;vector&gt;, sigmas: array&lt;matrix&gt; (the mllib UDTs, same layout).</summary>
    private static StageDefinition LoadGaussianMixture(SavedStage s)
    {
        var row = s.ReadSingleRow();
        double[] weights = row.GetDoubleArray("weights");
        var mus = row.GetList("mus");
        var sigmas = row.GetList("sigmas");
        if (weights.Length == 0 || mus.Count != weights.Length || sigmas.Count != weights.Length)
            throw s.Error($"weights, mus and sigmas hold {weights.Length}, {mus.Count} and {sigmas.Count} entries; expected the same k > 0.");
        var components = new GaussianComponent[weights.Length];
        int n = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            double[] mean = new DataRow(["mu"], [mus[i]], row.Source).GetVector("mu").ToArray();
            var sigma = new DataRow(["sigma"], [sigmas[i]], row.Source).GetMatrix("sigma");
            if (n < 0)
                n = mean.Length;
            if (mean.Length != n || sigma.NumRows != n || sigma.NumCols != n)
                throw s.Error($"gaussian {i}: mean of size {mean.Length} and covariance {sigma.NumRows}×{sigma.NumCols}; expected size {n}.");
            components[i] = new GaussianComponent(weights[i], mean, sigma.ToRowMajor());
        }
        return new GaussianMixtureModel(s.Info, s.Params.String("featuresCol", "features"), s.Params.String("predictionCol", "prediction"),
            s.Params.String("probabilityCol", "probability"), components);
    }

    /// <summary>
    /// data: one row per frequent itemset: items: array (the itemsCol's type; strings only here),
    /// freq: long. The metadata's numTrainingRecords (2.4+) only feeds the rules' lift and support,
    /// which transform does not use.
    /// </summary>
    private static StageDefinition LoadFPGrowth(SavedStage s)
    {
        var rows = s.ReadData();
        var itemsets = new FrequentItemset[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var list = rows[i].GetList("items");
            var items = new string?[list.Count];
            for (int j = 0; j < list.Count; j++)
                items[j] = list[j] switch
                {
                    null => null,
                    string text => text,
                    var other => throw rows[i].Error("items", $"holds a {other.GetType().Name}; Ember supports FPGrowthModel with string items only"),
                };
            long freq = rows[i].GetLong("freq");
            if (freq <= 0)
                throw rows[i].Error("freq", $"{freq} must be > 0");
            itemsets[i] = new FrequentItemset(items, freq);
        }
        return new FPGrowthModel(s.Info, s.Params.String("itemsCol", "items"), s.Params.String("predictionCol", "prediction"),
            s.Params.Double("minConfidence", 0.8), itemsets);
    }
}
