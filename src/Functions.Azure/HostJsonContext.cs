using System.Text.Json.Serialization;
using Ember.Functions.Azure.Invocations;

namespace Ember.Functions.Azure;

/// <summary>Every JSON shape the host itself writes or reads, source-generated (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HostProblem))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
