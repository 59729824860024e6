using System.Globalization;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for OneVsRestModel and FMClassificationModel (reference §1.4, §5.8, §5.9).</summary>
internal static class MoreClassificationStageLoaders
{
    private const string Package = "org.apache.spark.ml.classification.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "OneVsRestModel", LoadOneVsRest);
        registry.Register(Package + "FMClassificationModel", LoadFMClassification);
        registry.RegisterUnsupported(Package + "OneVsRest", "an unfitted OneVsRest estimator cannot transform; save the fitted OneVsRestModel");
    }

    /// <summary>metadata extras labelMetadata (JSON text) and numClasses; model_0 … model_{numClasses−1}/ (no zero padding).</summary>
    private static StageDefinition LoadOneVsRest(SavedStage s)
    {
        var p = s.Params;
        int numClasses = s.Metadata.ExtraInt("numClasses");
        if (numClasses < 1 || numClasses > 100_000)
            throw s.Error($"numClasses {numClasses} is out of range.");
        var models = new StageDefinition[numClasses];
        for (int c = 0; c < numClasses; c++)
        {
            string dir = "model_" + c.ToString(CultureInfo.InvariantCulture);
            if (!s.HasChild(dir))
                throw s.Error($"numClasses is {numClasses} but there is no {dir}/ folder.");
            models[c] = s.LoadChild(dir);
            if (models[c] is not IClassificationModel)
                throw s.Error($"{dir}/ holds {models[c].Info.SparkClass}, which is not a classification model with a raw prediction.");
        }
        // rawPredictionCol exists from 2.4 (setRawPredictionCol @Since 2.4.0); before, only the prediction.
        string raw = s.Version.AtLeast(2, 4) ? p.String("rawPredictionCol", "rawPrediction") : "";
        return new OneVsRestModel(s.Info, p.String("featuresCol", "features"), p.String("predictionCol", "prediction"), raw,
            models, ParseLabelMetadata(s));
    }

    /// <summary>FM data: intercept, linear (F), factors (F × k).</summary>
    private static StageDefinition LoadFMClassification(SavedStage s)
    {
        var p = s.Params;
        var row = s.ReadSingleRow();
        return new FMClassificationModel(s.Info,
            p.String("featuresCol", "features"),
            p.String("predictionCol", "prediction"),
            p.String("rawPredictionCol", "rawPrediction"),
            p.String("probabilityCol", "probability"),
            MoreRegressionStageLoaders.ReadFactorizationMachine(s, row),
            p.DoubleArray("thresholds"));
    }

    /// <summary>
    /// The saved labelMetadata (Metadata.json of the label column) as the prediction's attribute:
    /// {"ml_attr":{"type":"nominal","num_vals":k,"vals":[...]}}; "{}" → none.
    /// </summary>
    internal static MlAttribute? ParseLabelMetadata(SavedStage s)
    {
        if (s.Metadata.Extra("labelMetadata") is not { ValueKind: JsonValueKind.String } text)
            return null;
        try
        {
            using var doc = JsonDocument.Parse(text.GetString()!, new JsonDocumentOptions { MaxDepth = 64 });
            if (!doc.RootElement.TryGetProperty("ml_attr", out var attr) || attr.ValueKind != JsonValueKind.Object)
                return null;
            string? type = attr.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            string? name = attr.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            int? numValues = attr.TryGetProperty("num_vals", out var nv) && nv.TryGetInt32(out int k) ? k : null;
            string[]? values = attr.TryGetProperty("vals", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray()
                : null;
            bool ordinal = attr.TryGetProperty("ord", out var o) && o.ValueKind == JsonValueKind.True;
            return type switch
            {
                "nominal" => new MlAttribute(AttributeKind.Nominal, name, numValues, values, ordinal),
                "binary" => new MlAttribute(AttributeKind.Binary, name, 2, values),
                "numeric" => MlAttribute.Numeric.WithName(name),
                _ => null,
            };
        }
        catch (JsonException ex)
        {
            throw s.Error($"labelMetadata is not valid JSON: {ex.Message}");
        }
    }
}
