using System.Text.Json.Serialization;

namespace Ember.Functions.Azure.Invocations;

/// <summary>
/// What a custom handler answers to an invocation envelope (platform contract §1.5). Outputs is
/// keyed by output binding name; the envelope's own keys are PascalCase, an http output's camelCase.
/// </summary>
internal sealed class InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, HttpOutput> Outputs { get; init; } = [];

    /// <summary>Each line is logged by the host at Information level against the invocation.</summary>
    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    /// <summary>Always null: no function binds $return.</summary>
    [JsonPropertyName("ReturnValue")]
    public string? ReturnValue { get; init; }
}

/// <summary>An http output binding value: the response the Functions host sends to the caller.</summary>
internal sealed class HttpOutput
{
    public int StatusCode { get; init; }

    public string Body { get; init; } = "";

    public Dictionary<string, string> Headers { get; init; } = [];
}
