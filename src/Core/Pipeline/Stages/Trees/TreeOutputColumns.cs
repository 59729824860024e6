using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// The column params of a Spark tree model, resolved: features in; prediction, leafCol (3.0+),
/// and for classifiers rawPrediction, probability and thresholds, for a single regression tree
/// varianceCol. An empty name disables that output, as in Spark.
/// </summary>
public sealed record TreeOutputColumns(
    string FeaturesCol,
    string PredictionCol,
    string LeafCol = "",
    string RawPredictionCol = "",
    string ProbabilityCol = "",
    string VarianceCol = "",
    double[]? Thresholds = null)
{
    public IReadOnlyList<KeyValuePair<string, string>> Describe(TreeEnsemble trees)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("featuresCol", FeaturesCol),
            new("predictionCol", PredictionCol),
            new("numFeatures", trees.NumFeatures.ToString(CultureInfo.InvariantCulture)),
            new("numTrees", trees.NumTrees.ToString(CultureInfo.InvariantCulture)),
            new("numNodes", trees.NodeCount.ToString(CultureInfo.InvariantCulture)),
        };
        if (RawPredictionCol.Length > 0) list.Add(new("rawPredictionCol", RawPredictionCol));
        if (ProbabilityCol.Length > 0) list.Add(new("probabilityCol", ProbabilityCol));
        if (VarianceCol.Length > 0) list.Add(new("varianceCol", VarianceCol));
        if (LeafCol.Length > 0) list.Add(new("leafCol", LeafCol));
        if (Thresholds is not null) list.Add(new("thresholds", string.Join(",", Thresholds.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))));
        return list;
    }
}
