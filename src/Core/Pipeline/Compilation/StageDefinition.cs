namespace Ember.Pipeline;

/// <summary>
/// The plain-data half of a stage: what Spark (or MLeap) saved for one transformer, with params
/// already resolved. Loaders build definitions; <see cref="Compile"/> turns one into kernels.
/// </summary>
public abstract class StageDefinition
{
    protected StageDefinition(StageInfo info) => Info = info;

    public StageInfo Info { get; }

    /// <summary>Adds this stage's kernels and output columns to the pipeline being built.</summary>
    public abstract void Compile(PipelineBuilder builder);

    /// <summary>Resolved params for `ember inspect` and the models API: name → display value.</summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>> DescribeParams() => [];

    /// <summary>Nested stages (pipelines, meta-models), for inspection.</summary>
    public virtual IReadOnlyList<StageDefinition> Children => [];

    /// <summary>Rough size of the learned data in bytes, for the cache's memory budget.</summary>
    public virtual long EstimatedBytes => 256;

    public override string ToString() => Info.Label;
}

/// <summary>Identity of a saved stage.</summary>
/// <param name="SparkClass">Fully qualified class, e.g. org.apache.spark.ml.feature.StringIndexerModel.</param>
/// <param name="Uid">Stage uid.</param>
/// <param name="Version">Spark version that saved it.</param>
/// <param name="Path">Where it was loaded from, relative to the model root (for errors).</param>
public sealed record StageInfo(string SparkClass, string Uid, SparkVersion Version, string Path)
{
    /// <summary>The class name without its package.</summary>
    public string ShortClass => SparkClass[(SparkClass.LastIndexOf('.') + 1)..];

    /// <summary>"StringIndexerModel strIdx_5b2c".</summary>
    public string Label => $"{ShortClass} {Uid}";
}
