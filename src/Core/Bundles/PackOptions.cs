using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Bundles;

/// <summary>What `ember pack` records besides the model itself.</summary>
/// <param name="Name">Model name (the store folder).</param>
/// <param name="Version">Version label.</param>
/// <param name="Description">Free text.</param>
/// <param name="Examples">
/// Example lines: either an input row (its outputs are scored and recorded) or
/// <c>{"input": {...}, "output": {...}}</c> (the given outputs are checked; <c>"output": null</c>
/// means the row must be refused).
/// </param>
/// <param name="DeclaredTypes">Input column types that win over derivation (from a Spark schema JSON).</param>
/// <param name="Training">Free-form training metadata (dataset snapshot, metrics, owner).</param>
/// <param name="Blas">"f2j", "java8", "java11" or "vector" when the Spark run used another BLAS than its version implies.</param>
/// <param name="CreatedAt">Defaults to now.</param>
/// <param name="Baseline">Profiles the training sample with the compiled pipeline (`--baseline`); its result is the manifest's baseline. Bundles know nothing of monitoring, hence a function.</param>
public sealed record PackOptions(
    string Name,
    string Version,
    string? Description = null,
    IReadOnlyList<JsonElement>? Examples = null,
    IReadOnlyDictionary<string, SparkType>? DeclaredTypes = null,
    JsonElement? Training = null,
    string? Blas = null,
    DateTimeOffset? CreatedAt = null,
    Func<CompiledPipeline, JsonElement?>? Baseline = null);
