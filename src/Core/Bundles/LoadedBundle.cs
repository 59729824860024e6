using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Bundles;

/// <summary>A bundle whose files matched their checksums, compiled, whose examples all reproduced.</summary>
/// <param name="Manifest">ember.json; null for a bare Spark directory.</param>
/// <param name="Model">The loaded stage definitions.</param>
/// <param name="Pipeline">Compiled with the manifest's input schema and BLAS override.</param>
/// <param name="FileBytes">Total size of the model files.</param>
public sealed record LoadedBundle(BundleManifest? Manifest, SparkModel Model, CompiledPipeline Pipeline, long FileBytes);
