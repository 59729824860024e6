using Ember.Api;
using Microsoft.Net.Http.Headers;

namespace Ember.Functions.Azure;

/// <summary>HttpContext to <see cref="ApiRequest"/> and <see cref="ApiResponse"/> to HttpResponse, nothing more.</summary>
internal static class HttpTranslation
{
    public static ApiRequest ToApiRequest(HttpRequest request, byte[] body)
    {
        var query = new Dictionary<string, string>(request.Query.Count, StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
            query[name] = values.Count == 0 ? "" : values[values.Count - 1] ?? ""; // ApiRequest: the last value wins

        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = values.ToString(); // repeated headers joined with "," as HTTP allows

        var path = request.Path.HasValue ? request.Path.Value! : "/";
        return new ApiRequest(request.Method.ToUpperInvariant(), path, query, headers, body);
    }

    public static Task WriteAsync(HttpResponse response, ApiResponse api, CancellationToken cancellationToken)
    {
        response.StatusCode = api.Status;
        foreach (var (name, value) in api.Headers)
        {
            // Framing is Kestrel's business: a stale length from the API would corrupt the connection.
            if (name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase))
                continue;
            response.Headers[name] = value;
        }
        if (!string.IsNullOrEmpty(api.ContentType))
            response.ContentType = api.ContentType;
        if (api.Body.IsEmpty || api.Status is 204 or 304)
        {
            response.ContentLength = api.Status is 204 or 304 ? null : 0;
            return Task.CompletedTask;
        }
        response.ContentLength = api.Body.Length;
        return response.Body.WriteAsync(api.Body, cancellationToken).AsTask();
    }
}
