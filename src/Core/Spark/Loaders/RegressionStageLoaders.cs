using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for org.apache.spark.ml.regression.* (reference §6).</summary>
internal static class RegressionStageLoaders
{
    private const string Package = "org.apache.spark.ml.regression.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "LinearRegressionModel", LoadLinearRegression);
    }

    /// <summary>data: intercept, coefficients (+ scale from 2.3, unused for prediction).</summary>
    private static StageDefinition LoadLinearRegression(SavedStage s)
    {
        var row = s.ReadSingleRow();
        return new LinearRegressionModel(s.Info,
            s.Params.String("featuresCol", "features"),
            s.Params.String("predictionCol", "prediction"),
            row.GetVector("coefficients"),
            row.GetDouble("intercept"));
    }
}
