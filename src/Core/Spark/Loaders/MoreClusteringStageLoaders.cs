using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for GaussianMixtureModel; LDA and FPGrowth models registered as unsupported with the reason (reference §7.3).</summary>
internal static class MoreClusteringStageLoaders
{
    private const string Package = "org.apache.spark.ml.clustering.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "GaussianMixtureModel", LoadGaussianMixture);
        const string lda = "LDA's transform infers topic distributions by variational inference from a random start "
            + "(seeded per partition), which cannot be reproduced outside Spark";
        registry.RegisterUnsupported(Package + "LocalLDAModel", lda);
        registry.RegisterUnsupported(Package + "DistributedLDAModel", lda);
        registry.RegisterUnsupported("org.apache.spark.ml.fpm.FPGrowthModel",
            "the order of predicted items follows the association rules' order after Spark's shuffle join, "
            + "which Ember cannot reproduce; only the set of items would match");
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
}
