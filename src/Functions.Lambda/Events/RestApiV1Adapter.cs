using System.Text.Json;
using Ember.Api;
using Ember.Functions.Lambda.Contracts;
using Ember.Functions.Lambda.Runtime;

namespace Ember.Functions.Lambda.Events;

/// <summary>API Gateway REST API proxy events (payload 1.0), to the Api and back.</summary>
internal sealed class RestApiV1Adapter(IApiHandler api)
{
    public async Task<InvocationResult> HandleAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        RestApiV1Request? evt;
        try
        {
            evt = JsonSerializer.Deserialize(json.Span, LambdaJsonContext.Default.RestApiV1Request);
        }
        catch (JsonException ex)
        {
            return Invalid($"The REST API (payload 1.0) event is malformed at {ex.Path}: {ex.Message}");
        }
        if (evt is null || string.IsNullOrEmpty(evt.HttpMethod) || string.IsNullOrEmpty(evt.Path))
            return Invalid("The REST API (payload 1.0) event has no httpMethod or path.");

        ApiResponse response = ToApiRequest(evt, evt.HttpMethod, evt.Path) is { } request
            ? await api.HandleAsync(request, cancellationToken).ConfigureAwait(false)
            : HostProblems.BadBase64Body();
        return InvocationResult.Respond(EventKind.RestApiV1, ToPayload(response)) with { HttpStatus = response.Status, Model = response.Headers.GetValueOrDefault("Ember-Model"), ModelVersion = response.Headers.GetValueOrDefault("Ember-Model-Version") };
    }

    internal static ApiRequest? ToApiRequest(RestApiV1Request evt, string method, string path)
    {
        byte[]? body = HttpParts.DecodeBody(evt.Body, evt.IsBase64Encoded);
        if (body is null) return null;

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (evt.Headers is not null)
            foreach (var (name, value) in evt.Headers)
                headers[name] = value ?? "";
        // multiValueHeaders holds every value of a repeated header; HTTP joins them with commas.
        if (evt.MultiValueHeaders is not null)
            foreach (var (name, values) in evt.MultiValueHeaders)
                if (values is { Length: > 0 })
                    headers[name] = string.Join(", ", values);

        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (evt.QueryStringParameters is not null)
            foreach (var (name, value) in evt.QueryStringParameters)
                query[name] = value ?? "";
        // The Api's rule for a repeated query name is "last value wins".
        if (evt.MultiValueQueryStringParameters is not null)
            foreach (var (name, values) in evt.MultiValueQueryStringParameters)
                if (values is { Length: > 0 })
                    query[name] = values[^1] ?? "";

        // A REST API's "path" is already decoded and has no stage, except behind some custom
        // domain mappings, so it is not decoded again (that would turn %25 into a different path).
        string apiPath = HttpParts.StripStage(path, evt.RequestContext?.Stage);
        return new ApiRequest(method.ToUpperInvariant(), apiPath, query, headers, body);
    }

    internal static byte[] ToPayload(ApiResponse response)
    {
        var (body, isBase64) = HttpParts.EncodeBody(response);
        var payload = new RestApiV1Response
        {
            StatusCode = response.Status,
            Headers = HttpParts.ResponseHeaders(response),
            Body = body,
            IsBase64Encoded = isBase64,
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload, LambdaJsonContext.Default.RestApiV1Response);
    }

    private static InvocationResult Invalid(string message) =>
        InvocationResult.Fail(EventKind.RestApiV1, InvocationError.InvalidEvent(message));
}
