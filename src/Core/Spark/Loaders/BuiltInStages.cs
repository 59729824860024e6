namespace Ember.Spark;

/// <summary>The loaders Ember ships, one registration file per family of stages.</summary>
internal static class BuiltInStages
{
    public static void RegisterAll(SparkStageRegistry registry)
    {
        MetaStageLoaders.Register(registry);
        FeatureStageLoaders.Register(registry);
        RegressionStageLoaders.Register(registry);
        VectorFeatureStageLoaders.Register(registry);
        ClassificationStageLoaders.Register(registry);
        TreeStageLoaders.Register(registry);
        ClusteringStageLoaders.Register(registry);
        TextStageLoaders.Register(registry);
        MoreClassificationStageLoaders.Register(registry);
        MoreRegressionStageLoaders.Register(registry);
        RecommendationStageLoaders.Register(registry);
        MoreFeatureStageLoaders.Register(registry);
        MoreClusteringStageLoaders.Register(registry);
        SqlStageLoaders.Register(registry);
    }
}
