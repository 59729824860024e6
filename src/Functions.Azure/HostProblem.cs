using System.Text.Json;
using Ember.Api;

namespace Ember.Functions.Azure;

/// <summary>
/// An RFC 9457 problem the host answers by itself, before the API sees the request: bodies over
/// the limit, malformed Functions host envelopes, and bugs. Everything else is the API's to answer.
/// </summary>
/// <param name="Code">Stable machine-readable reason, e.g. request_too_large.</param>
internal sealed record HostProblem(string Type, string Title, int Status, string Detail, string Code)
{
    public const string ContentType = "application/problem+json";

    public static ApiResponse TooLarge(long limit) => Create(
        413, "Request body too large", "request_too_large",
        $"The request body exceeds {limit} bytes. Send fewer rows per request or raise {Configuration.EmberSettings.MaxRequestBytes}.");

    public static ApiResponse BadRequest(string detail) => Create(400, "Bad request", "bad_request", detail);

    public static ApiResponse BadInvocation(string detail) => Create(400, "Invalid invocation payload", "bad_invocation", detail);

    /// <summary>A bug: the detail never carries the exception text (it may quote request data).</summary>
    public static ApiResponse Internal() => Create(
        500, "Internal error", "internal_error", "The request failed inside the Ember host; the host log has the exception type.");

    public static ApiResponse Create(int status, string title, string code, string detail)
    {
        var problem = new HostProblem("about:blank", title, status, detail, code);
        var body = JsonSerializer.SerializeToUtf8Bytes(problem, HostJsonContext.Default.HostProblem);
        return new ApiResponse(status, ContentType, body, ApiRequest.EmptyMap);
    }
}
