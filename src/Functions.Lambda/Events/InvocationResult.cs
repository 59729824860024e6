using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>
/// What one invocation produced: a response body for /response, or an error for /error, plus the
/// facts the log line reports (never bodies).
/// </summary>
internal sealed record InvocationResult(EventKind Kind, ReadOnlyMemory<byte> Response, InvocationError? Error)
{
    /// <summary>The HTTP status answered, for API Gateway and function URL events.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The model and version that answered (the API's Ember-Model headers), for the log line.</summary>
    public string? Model { get; init; }

    public string? ModelVersion { get; init; }

    /// <summary>Records in an SQS event.</summary>
    public int? Records { get; init; }

    /// <summary>SQS records reported in batchItemFailures.</summary>
    public int? FailedRecords { get; init; }

    public static InvocationResult Respond(EventKind kind, ReadOnlyMemory<byte> body) => new(kind, body, null);

    public static InvocationResult Fail(EventKind kind, InvocationError error) => new(kind, default, error);
}
