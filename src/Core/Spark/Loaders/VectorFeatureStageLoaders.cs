using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for the vector → vector feature stages of org.apache.spark.ml.feature (reference §4.6–4.10, §4.24–4.31).</summary>
internal static class VectorFeatureStageLoaders
{
    private const string Package = "org.apache.spark.ml.feature.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "StandardScalerModel", s =>
        {
            var row = s.ReadSingleRow();
            return new StandardScalerModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
                s.Params.Bool("withMean", false), s.Params.Bool("withStd", true), row.GetVector("mean"), row.GetVector("std"));
        });
        registry.Register(Package + "RobustScalerModel", s =>
        {
            var row = s.ReadSingleRow();
            return new StandardScalerModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
                s.Params.Bool("withCentering", false), s.Params.Bool("withScaling", true), row.GetVector("median"), row.GetVector("range"));
        });
        registry.Register(Package + "MinMaxScalerModel", s =>
        {
            var row = s.ReadSingleRow();
            return new MinMaxScalerModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
                s.Params.Double("min", 0.0), s.Params.Double("max", 1.0), row.GetVector("originalMin"), row.GetVector("originalMax"));
        });
        registry.Register(Package + "MaxAbsScalerModel", s =>
            new MaxAbsScalerModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.ReadSingleRow().GetVector("maxAbs")));
        registry.Register(Package + "Normalizer", s =>
            new Normalizer(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.Params.Double("p", 2.0)));
        registry.Register(Package + "ElementwiseProduct", s =>
            new ElementwiseProduct(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
                s.Params.Vector("scalingVec") ?? throw s.Params.Missing("scalingVec")));
        registry.Register(Package + "VectorSlicer", s =>
            new VectorSlicer(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(),
                s.Params.IntArray("indices") ?? [], s.Params.StringArray("names") ?? []));
        registry.Register(Package + "PCAModel", s =>
            new PCAModel(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.ReadSingleRow().GetMatrix("pc")));
        registry.Register(Package + "PolynomialExpansion", s =>
            new PolynomialExpansion(s.Info, s.Params.RequiredString("inputCol"), s.Params.OutputCol(), s.Params.Int("degree", 2)));
        foreach (var selector in new[] { "ChiSqSelectorModel", "UnivariateFeatureSelectorModel", "VarianceThresholdSelectorModel" })
        {
            registry.Register(Package + selector, s =>
                new SelectorModel(s.Info, s.Params.String("featuresCol", "features"), s.Params.OutputCol(),
                    s.ReadSingleRow().GetIntArray("selectedFeatures")));
        }
    }
}
