using System.Text.Json;
using Ember.Api;
using Ember.Functions.Lambda.Contracts;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>API Gateway HTTP API (payload 2.0) and function URL events, to the Api and back.</summary>
internal sealed class HttpApiV2Adapter(IApiHandler api)
{
    public async Task<InvocationResult> HandleAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        HttpApiV2Request? evt;
        try
        {
            evt = JsonSerializer.Deserialize(json.Span, LambdaJsonContext.Default.HttpApiV2Request);
        }
        catch (JsonException ex)
        {
            return Invalid($"The HTTP API (payload 2.0) event is malformed at {ex.Path}: {ex.Message}");
        }
        string? method = evt?.RequestContext?.Http?.Method;
        string? rawPath = evt?.RawPath ?? evt?.RequestContext?.Http?.Path;
        if (evt is null || string.IsNullOrEmpty(method) || string.IsNullOrEmpty(rawPath))
            return Invalid("The HTTP API (payload 2.0) event has no requestContext.http.method or rawPath.");

        ApiResponse response = ToApiRequest(evt, method, rawPath) is { } request
            ? await api.HandleAsync(request, cancellationToken).ConfigureAwait(false)
            : HostProblems.BadBase64Body();
        return InvocationResult.Respond(EventKind.HttpApiV2, ToPayload(response)) with { HttpStatus = response.Status, Model = response.Headers.GetValueOrDefault("Ember-Model"), ModelVersion = response.Headers.GetValueOrDefault("Ember-Model-Version") };
    }

    /// <summary>The Api request, or null when the body's base64 is bad.</summary>
    internal static ApiRequest? ToApiRequest(HttpApiV2Request evt, string method, string rawPath)
    {
        byte[]? body = HttpParts.DecodeBody(evt.Body, evt.IsBase64Encoded);
        if (body is null) return null;

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (evt.Headers is not null)
            foreach (var (name, value) in evt.Headers)
                headers[name] = value ?? "";
        // Payload 2.0 moves Cookie headers into "cookies"; the Api sees one Cookie header again.
        if (evt.Cookies is { Length: > 0 } cookies)
            headers["cookie"] = string.Join("; ", cookies);

        // rawQueryString keeps repeated names apart (queryStringParameters comma-joins them).
        Dictionary<string, string> query = evt.RawQueryString is not null
            ? HttpParts.ParseQuery(evt.RawQueryString)
            : FromParameters(evt.QueryStringParameters);

        string path = HttpParts.DecodePath(HttpParts.StripStage(rawPath, evt.RequestContext?.Stage));
        return new ApiRequest(method.ToUpperInvariant(), path, query, headers, body);
    }

    internal static byte[] ToPayload(ApiResponse response)
    {
        var headers = HttpParts.ResponseHeaders(response);
        string[]? cookies = null;
        // Payload 2.0 sends cookies as an array; API Gateway turns each into a Set-Cookie header.
        if (headers.Remove("set-cookie", out string? setCookie)) cookies = [setCookie];
        var (body, isBase64) = HttpParts.EncodeBody(response);
        var payload = new HttpApiV2Response
        {
            StatusCode = response.Status,
            Headers = headers,
            Cookies = cookies,
            Body = body,
            IsBase64Encoded = isBase64,
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload, LambdaJsonContext.Default.HttpApiV2Response);
    }

    private static Dictionary<string, string> FromParameters(Dictionary<string, string?>? parameters)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (parameters is not null)
            foreach (var (name, value) in parameters)
                query[name] = value ?? "";
        return query;
    }

    private static InvocationResult Invalid(string message) =>
        InvocationResult.Fail(EventKind.HttpApiV2, InvocationError.InvalidEvent(message));
}
