namespace Ember.Pipeline;

/// <summary>
/// A Spark ClassificationModel that a meta-model (OneVsRestModel) runs for its raw prediction
/// only: Spark copies the sub-model, sets its featuresCol and a temporary rawPredictionCol and
/// disables its prediction and probability columns before transforming.
/// </summary>
public interface IClassificationModel
{
    int NumClasses { get; }

    /// <summary>A copy that reads <paramref name="featuresCol"/> and outputs only <paramref name="rawPredictionCol"/>.</summary>
    StageDefinition WithRawPredictionOnly(string featuresCol, string rawPredictionCol);
}
