using System.Text.Json.Serialization;

namespace Ember.Api;

/// <summary>
/// Every JSON contract that crosses a process boundary, source-generated (no reflection, AOT-safe).
/// camelCase names; nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(PipelineDescription))]
[JsonSerializable(typeof(Bundles.BundleManifest))]
[JsonSerializable(typeof(Batch.BatchJobMessage))]
[JsonSerializable(typeof(Batch.BatchSummary))]
[JsonSerializable(typeof(Batch.BatchManifest))]
[JsonSerializable(typeof(Batch.BenchResult))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelDetails))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(Monitoring.ModelBaseline))]
[JsonSerializable(typeof(Monitoring.MonitorSnapshot))]
[JsonSerializable(typeof(Monitoring.ModelMonitorView))]
[JsonSerializable(typeof(Monitoring.VersionMonitorView))]
[JsonSerializable(typeof(string))]
public sealed partial class EmberJsonContext : JsonSerializerContext;
