namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.PipelineModel: its stages run in order, each feeding the next.
/// Also serves the tuning models (CrossValidatorModel, TrainValidationSplitModel), whose
/// transform is their best model's, and any other container of one or more stages.
/// </summary>
public sealed class PipelineModel(StageInfo info, IReadOnlyList<StageDefinition> stages) : StageDefinition(info)
{
    public IReadOnlyList<StageDefinition> Stages { get; } = stages;

    public override IReadOnlyList<StageDefinition> Children => Stages;

    public override long EstimatedBytes => Stages.Sum(s => s.EstimatedBytes);

    public override void Compile(PipelineBuilder builder)
    {
        foreach (var stage in Stages)
            builder.AddStage(stage);
    }
}
