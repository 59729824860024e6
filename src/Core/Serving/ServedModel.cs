using Ember.Bundles;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Serving;

/// <summary>A loaded, compiled, verified model version, ready to score. Immutable; shared by all requests.</summary>
public sealed class ServedModel(string name, string version, SparkModel model, CompiledPipeline pipeline, BundleManifest? manifest)
{
    public string Name { get; } = name;

    public string Version { get; } = version;

    public SparkModel Model { get; } = model;

    public CompiledPipeline Pipeline { get; } = pipeline;

    /// <summary>The bundle manifest; null for a bare Spark directory.</summary>
    public BundleManifest? Manifest { get; } = manifest;

    /// <summary>Rough memory held by the model, for the cache budget.</summary>
    public long EstimatedBytes => Model.Root.EstimatedBytes;
}
