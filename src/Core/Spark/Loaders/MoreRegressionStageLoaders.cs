using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for FMRegressionModel and AFTSurvivalRegressionModel (reference §6.3, §6.8).</summary>
internal static class MoreRegressionStageLoaders
{
    private const string Package = "org.apache.spark.ml.regression.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "FMRegressionModel", LoadFMRegression);
        registry.Register(Package + "AFTSurvivalRegressionModel", LoadAftSurvivalRegression);
    }

    /// <summary>data: intercept, linear (F), factors (F × k); shared with FMClassificationModel.</summary>
    internal static FactorizationMachine ReadFactorizationMachine(SavedStage s, DataRow row)
    {
        var linear = row.GetVector("linear");
        var factors = row.GetMatrix("factors");
        if (factors.NumRows != linear.Size)
            throw s.Error($"factors has {factors.NumRows} rows but linear has {linear.Size} features.");
        return new FactorizationMachine(row.GetDouble("intercept"), linear, factors);
    }

    private static StageDefinition LoadFMRegression(SavedStage s) =>
        new FMRegressionModel(s.Info, s.Params.String("featuresCol", "features"), s.Params.String("predictionCol", "prediction"),
            ReadFactorizationMachine(s, s.ReadSingleRow()));

    /// <summary>data: coefficients, intercept, scale. quantilesCol has no default (undefined → no quantiles).</summary>
    private static StageDefinition LoadAftSurvivalRegression(SavedStage s)
    {
        var p = s.Params;
        var row = s.ReadSingleRow();
        var probabilities = p.DoubleArray("quantileProbabilities") ?? AFTSurvivalRegressionModel.DefaultQuantileProbabilities;
        foreach (double q in probabilities)
            if (!(q > 0 && q < 1))
                throw s.Error($"quantileProbabilities holds {q}; Spark requires values in (0, 1).");
        return new AFTSurvivalRegressionModel(s.Info, p.String("featuresCol", "features"), p.String("predictionCol", "prediction"),
            p.StringOrNull("quantilesCol") ?? "", probabilities,
            row.GetVector("coefficients"), row.GetDouble("intercept"), row.GetDouble("scale"));
    }
}
