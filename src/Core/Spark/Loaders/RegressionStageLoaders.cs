using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for org.apache.spark.ml.regression.* (reference §6).</summary>
internal static class RegressionStageLoaders
{
    private const string Package = "org.apache.spark.ml.regression.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "LinearRegressionModel", LoadLinearRegression);
        registry.Register(Package + "GeneralizedLinearRegressionModel", LoadGeneralizedLinearRegression);
        registry.Register(Package + "IsotonicRegressionModel", LoadIsotonicRegression);
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

    /// <summary>
    /// data: intercept, coefficients. link and linkPower count only when set explicitly (Spark's
    /// FamilyAndLink tests isSet); offsetCol (2.3+) and linkPredictionCol only when non-empty.
    /// </summary>
    private static StageDefinition LoadGeneralizedLinearRegression(SavedStage s)
    {
        var row = s.ReadSingleRow();
        return new GeneralizedLinearRegressionModel(s.Info,
            s.Params.String("featuresCol", "features"),
            s.Params.String("predictionCol", "prediction"),
            s.Params.StringOrNull("linkPredictionCol") ?? "",
            s.Params.StringOrNull("offsetCol") ?? "",
            s.Params.String("family", "gaussian"),
            s.Params.IsSet("link") ? s.Params.StringOrNull("link") : null,
            s.Params.Double("variancePower", 0.0),
            s.Params.IsSet("linkPower") ? s.Params.RequiredDouble("linkPower") : null,
            row.GetVector("coefficients"),
            row.GetDouble("intercept"));
    }

    /// <summary>data: boundaries, predictions, isotonic (the order is already applied to predictions).</summary>
    private static StageDefinition LoadIsotonicRegression(SavedStage s)
    {
        var row = s.ReadSingleRow();
        return new IsotonicRegressionModel(s.Info,
            s.Params.String("featuresCol", "features"),
            s.Params.String("predictionCol", "prediction"),
            s.Params.Int("featureIndex", 0),
            row.GetDoubleArray("boundaries"),
            row.GetDoubleArray("predictions"));
    }
}
