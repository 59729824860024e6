using System.Text.Json;
using Ember.Api;
using Ember.Functions.Lambda.Contracts;

namespace Ember.Functions.Lambda.Events;

/// <summary>problem+json answers the host gives itself, for requests it cannot hand to the API.</summary>
internal static class HostProblems
{
    public const string ContentType = "application/problem+json";

    public static ApiResponse Create(int status, string type, string title, string detail)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new HostProblem(type, title, status, detail), LambdaJsonContext.Default.HostProblem);
        return new ApiResponse(status, ContentType, body, ApiRequest.EmptyMap);
    }

    public static ApiResponse BadBase64Body() => Create(
        400, "urn:ember:problem:invalid-body", "Request body is not valid base64",
        "The event says isBase64Encoded=true but its body is not valid base64.");
}
