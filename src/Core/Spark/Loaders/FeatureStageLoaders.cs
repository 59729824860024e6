using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for org.apache.spark.ml.feature.* (reference §4).</summary>
internal static class FeatureStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "VectorAssembler", LoadVectorAssembler);
    }

    private static StageDefinition LoadVectorAssembler(SavedStage s) => new VectorAssembler(
        s.Info,
        s.Params.StringArray("inputCols") ?? throw s.Params.Missing("inputCols"),
        s.Params.OutputCol(),
        s.Params.String("handleInvalid", "error"));
}
