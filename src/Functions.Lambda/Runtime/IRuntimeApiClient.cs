namespace Ember.Functions.Lambda.Runtime;

/// <summary>
/// The Lambda Runtime API (2018-06-01) as the loop uses it. An interface so that a unit test can
/// run one turn of the loop with a fake instead of an HTTP server.
/// </summary>
internal interface IRuntimeApiClient
{
    /// <summary>Waits for the next event (<c>GET /runtime/invocation/next</c>).</summary>
    Task<Invocation> NextAsync(CancellationToken cancellationToken);

    /// <summary>Posts an invocation's result; returns the Runtime API's status code (202 when accepted).</summary>
    Task<int> RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>Reports that one invocation failed (<c>/runtime/invocation/{id}/error</c>).</summary>
    Task ReportErrorAsync(string requestId, InvocationError error, CancellationToken cancellationToken);

    /// <summary>Reports a start-up failure (<c>/runtime/init/error</c>); the process exits afterwards.</summary>
    Task ReportInitErrorAsync(InvocationError error, CancellationToken cancellationToken);
}

/// <summary>One event handed out by <c>/next</c>, with the headers that came with it.</summary>
/// <param name="DeadlineUnixMs">Lambda-Runtime-Deadline-Ms, or null when absent or unreadable.</param>
internal sealed record Invocation(
    string RequestId,
    long? DeadlineUnixMs,
    string? TraceId,
    string? FunctionArn,
    ReadOnlyMemory<byte> Event);

/// <summary>
/// A failed invocation or start-up as Lambda records it. <paramref name="ErrorType"/> is also sent
/// as the Lambda-Runtime-Function-Error-Type header, in Lambda's Category.Reason form.
/// </summary>
internal sealed record InvocationError(string ErrorType, string ErrorMessage)
{
    public static InvocationError InvalidEvent(string message) => new(ErrorTypes.InvalidEvent, message);
}

/// <summary>The errorType values the host reports: one per failure class, documented in docs/lambda.md.</summary>
internal static class ErrorTypes
{
    /// <summary>The event is not JSON or not a shape the host serves.</summary>
    public const string InvalidEvent = "Ember.InvalidEvent";

    /// <summary>The work was cancelled because the invocation's deadline was about to pass.</summary>
    public const string DeadlineExceeded = "Ember.DeadlineExceeded";

    /// <summary>A handler threw: a bug, reported for this invocation only.</summary>
    public const string Unhandled = "Ember.Unhandled";

    /// <summary>A directly invoked batch job failed and may succeed if retried.</summary>
    public const string JobFailed = "Ember.JobFailed";

    /// <summary>A directly invoked batch job can never succeed (bad job message).</summary>
    public const string JobRejected = "Ember.JobRejected";

    /// <summary>The response is over Lambda's 6 MB limit for a buffered response.</summary>
    public const string ResponseTooLarge = "Ember.ResponseTooLarge";

    /// <summary>Start-up failed because a setting is missing or malformed.</summary>
    public const string InvalidConfiguration = "Ember.InvalidConfiguration";

    /// <summary>Start-up failed for another reason (unreachable model store, bad preload).</summary>
    public const string InitFailed = "Ember.InitFailed";
}
