using Ember.Bundles;
using Ember.Serving;

namespace Ember.Api;

/// <summary>GET /api/models: every model in the store.</summary>
public sealed record ModelList(IReadOnlyList<ModelListing> Models);

/// <summary>
/// GET /api/models/{name}: the model's versions and aliases, and for the version a predict call
/// would serve (or ?version= / ?alias=): its input schema, outputs, stages and golden examples.
/// </summary>
public sealed record ModelDetails(
    string Name,
    IReadOnlyList<string> Versions,
    IReadOnlyList<AliasListing> Aliases,
    string Version,
    string SparkVersion,
    string? Description,
    IReadOnlyList<InputDescription> Inputs,
    IReadOnlyList<ColumnDescription> Outputs,
    IReadOnlyList<StageDescription> Stages,
    IReadOnlyList<BundleExample> Examples);

/// <summary>GET /api/health and /api/health/ready.</summary>
/// <param name="Status">"ok", "degraded" (serving, but a reload failed) or "not-ready".</param>
/// <param name="Models">Loaded models and their health (readiness only).</param>
public sealed record HealthReport(string Status, IReadOnlyList<ModelHealth>? Models = null);
