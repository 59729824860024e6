using System.Text.Json.Serialization;

namespace Ember.Functions.Lambda.Contracts;

/// <summary>Every JSON shape the Lambda host reads or writes, source-generated (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // Events come from AWS with exact names; numbers as strings would be a malformed event.
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(HttpApiV2Request))]
[JsonSerializable(typeof(HttpApiV2Response))]
[JsonSerializable(typeof(RestApiV1Request))]
[JsonSerializable(typeof(RestApiV1Response))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(LambdaErrorBody))]
[JsonSerializable(typeof(HostProblem))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
