using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>A loaded Spark model: the root stage definition, ready to compile.</summary>
public sealed class SparkModel
{
    public SparkModel(StageDefinition root, string source)
    {
        Root = root;
        Source = source;
    }

    public StageDefinition Root { get; }

    /// <summary>Where it was loaded from.</summary>
    public string Source { get; }

    public SparkVersion SparkVersion => Root.Info.Version;

    /// <summary>
    /// Compiles the model into flat kernels; declared input types override derivation, and
    /// <paramref name="blas"/> (a bundle's override) the BLAS arithmetic the saving version implies.
    /// </summary>
    public CompiledPipeline Compile(IReadOnlyDictionary<string, SparkType>? declaredInputTypes = null, BlasFlavor? blas = null)
    {
        var builder = new PipelineBuilder(declaredInputTypes, blas);
        builder.AddStage(Root);
        return builder.Build();
    }

    /// <summary>Every leaf stage, depth first (for inspection).</summary>
    public IEnumerable<StageDefinition> LeafStages() => Leaves(Root);

    private static IEnumerable<StageDefinition> Leaves(StageDefinition stage) =>
        stage.Children.Count == 0 ? [stage] : stage.Children.SelectMany(Leaves);
}
