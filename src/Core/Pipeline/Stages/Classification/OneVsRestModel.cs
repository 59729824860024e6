using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.OneVsRestModel: K binary classifiers (model_0 … model_K−1);
/// score_c = rawPrediction[1] of sub-model c (run with only its raw prediction enabled).
/// rawPredictionCol (2.4+) = dense [score_0 … score_K−1] with a K-sized attribute group;
/// prediction = the class with the highest score, carrying the saved labelMetadata.
/// Follows OneVsRest.scala. The tie and NaN rules follow the collection Spark picks the maximum
/// from (see <see cref="OneVsRestTieRule"/>).
/// </summary>
public sealed class OneVsRestModel(StageInfo info, string featuresCol, string predictionCol, string rawPredictionCol,
    IReadOnlyList<StageDefinition> models, MlAttribute? labelAttribute)
    : StageDefinition(info)
{
    public string FeaturesCol { get; } = featuresCol;

    public string PredictionCol { get; } = predictionCol;

    /// <summary>"" before 2.4 (the param did not exist) or when disabled.</summary>
    public string RawPredictionCol { get; } = rawPredictionCol;

    public IReadOnlyList<StageDefinition> Models { get; } = models;

    /// <summary>The prediction column's attribute (labelMetadata); null when Spark saved "{}".</summary>
    public MlAttribute? LabelAttribute { get; } = labelAttribute;

    public int NumClasses => Models.Count;

    public override IReadOnlyList<StageDefinition> Children => Models;

    public override long EstimatedBytes => 128 + Models.Sum(m => m.EstimatedBytes);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("predictionCol", PredictionCol),
        new("rawPredictionCol", RawPredictionCol),
        new("numClasses", NumClasses.ToString(CultureInfo.InvariantCulture)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (Models.Count == 0)
            throw builder.Error(null, "OneVsRestModel has no sub-models.");
        // Spark ≥ 2.4 returns the input untouched when both outputs are disabled.
        if (PredictionCol.Length == 0 && RawPredictionCol.Length == 0)
            return;
        var scoreSlots = new int[Models.Count];
        var scoreNames = new string[Models.Count];
        for (int c = 0; c < Models.Count; c++)
        {
            if (Models[c] is not IClassificationModel classifier)
                throw builder.Error(null, $"model_{c} ({Models[c].Info.SparkClass}) is not a classification model with a raw prediction.");
            // Spark uses a "mbc$raw" + UUID column; the uid keeps ours unique across nested models.
            string temp = $"mbc$raw_{Info.Uid}_{c}";
            builder.AddStage(classifier.WithRawPredictionOnly(FeaturesCol, temp));
            if (!builder.TryGetColumn(temp, out var raw) || raw.Type != SparkType.Vector)
                throw builder.Error(null, $"model_{c} ({Models[c].Info.SparkClass}) produced no raw prediction vector.");
            scoreSlots[c] = raw.Slot;
            scoreNames[c] = Models[c].Info.Label;
            builder.Drop(temp);
        }
        var added = new List<ColumnInfo>();
        int rawSlot = -1, predictionSlot = -1;
        if (RawPredictionCol.Length > 0)
        {
            var rawColumn = builder.AddColumn(RawPredictionCol, SparkType.Vector, null, VectorAttributes.OfSize(Models.Count));
            added.Add(rawColumn);
            rawSlot = rawColumn.Slot;
        }
        if (PredictionCol.Length > 0)
        {
            var prediction = builder.AddColumn(PredictionCol, SparkType.Double, LabelAttribute);
            added.Add(prediction);
            predictionSlot = prediction.Slot;
        }
        builder.MarkPredictorOutputs(added.ToArray());
        var writes = added.Select(a => a.Slot).ToArray();
        builder.AddKernel(new OneVsRestKernel(scoreSlots, rawSlot, predictionSlot, OneVsRestTieRules.For(Info.Version, RawPredictionCol.Length > 0)),
            scoreSlots, writes);
    }
}
