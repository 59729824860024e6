using System.Text;
using System.Text.Json;
using Ember.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace Ember.Functions.Azure.Invocations;

/// <summary>
/// Reads the request object the Functions host puts in Data.req when it does not forward the raw
/// request (platform contract §1.4): Url, Method, Query, Headers, Body. The host's own code builds
/// Query as a JSON-encoded string of an object (older hosts: an object) and Body as text, or as
/// base64 for application/octet-stream and multipart/*; both shapes are accepted.
/// </summary>
internal static class HttpTriggerPayload
{
    /// <summary>Either a request for the API, or a response to send without asking it (a bad or too large request).</summary>
    public readonly record struct Result(ApiRequest? Request, ApiResponse? Refusal);

    public static Result Parse(JsonElement data, long maxBodyBytes)
    {
        if (!TryFindRequest(data, out var req))
            return Refuse($"Data.{FunctionCatalog.HttpTriggerBinding} is missing: expected the HTTP trigger's request object.");

        if (!TryGetString(req, "Method", out var method) || method.Length == 0)
            return Refuse($"Data.{FunctionCatalog.HttpTriggerBinding}.Method is missing or not a string.");
        // On Linux "/x" parses as an absolute file:// URI, hence the scheme check.
        if (!TryGetString(req, "Url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return Refuse($"Data.{FunctionCatalog.HttpTriggerBinding}.Url is missing or not an absolute http(s) URL.");

        var headers = ReadHeaders(req);
        var query = ReadQuery(req, uri);
        if (query is null)
            return Refuse($"Data.{FunctionCatalog.HttpTriggerBinding}.Query is neither an object nor a JSON-encoded object.");

        var body = ReadBody(req, headers, maxBodyBytes, out var bodyError);
        if (bodyError is not null)
            return new Result(null, bodyError);

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        return new Result(new ApiRequest(method.ToUpperInvariant(), path, query, headers, body), null);
    }

    private static Result Refuse(string detail) => new(null, HostProblem.BadInvocation(detail));

    private static bool TryFindRequest(JsonElement data, out JsonElement req)
    {
        if (data.TryGetProperty(FunctionCatalog.HttpTriggerBinding, out req) && req.ValueKind == JsonValueKind.Object)
            return true;
        // A renamed trigger binding: the request is the one object carrying Method and Url.
        foreach (var property in data.EnumerateObject())
            if (property.Value.ValueKind == JsonValueKind.Object
                && property.Value.TryGetProperty("Method", out _) && property.Value.TryGetProperty("Url", out _))
            {
                req = property.Value;
                return true;
            }
        return false;
    }

    private static Dictionary<string, string> ReadHeaders(JsonElement req)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!req.TryGetProperty("Headers", out var element) || element.ValueKind != JsonValueKind.Object)
            return headers;
        foreach (var header in element.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String)
                headers[header.Name] = header.Value.GetString()!;
            else if (header.Value.ValueKind == JsonValueKind.Array)
            {
                var values = new List<string>();
                foreach (var value in header.Value.EnumerateArray())
                    if (value.ValueKind == JsonValueKind.String)
                        values.Add(value.GetString()!);
                headers[header.Name] = string.Join(",", values);
            }
        }
        return headers;
    }

    private static Dictionary<string, string>? ReadQuery(JsonElement req, Uri uri)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!req.TryGetProperty("Query", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(uri.Query))
                query[name] = values.Count == 0 ? "" : values[values.Count - 1] ?? "";
            return query;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var inner = JsonDocument.Parse(element.GetString()!);
                return inner.RootElement.ValueKind == JsonValueKind.Object ? CopyStrings(inner.RootElement, query) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return element.ValueKind == JsonValueKind.Object ? CopyStrings(element, query) : null;
    }

    private static Dictionary<string, string> CopyStrings(JsonElement obj, Dictionary<string, string> into)
    {
        // The host joins repeated names with ","; a non-string value is kept as its JSON text.
        foreach (var property in obj.EnumerateObject())
            into[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        return into;
    }

    private static byte[] ReadBody(JsonElement req, Dictionary<string, string> headers, long maxBodyBytes, out ApiResponse? error)
    {
        error = null;
        if (!req.TryGetProperty("Body", out var element) || element.ValueKind == JsonValueKind.Null)
            return [];
        byte[] body;
        if (element.ValueKind != JsonValueKind.String)
            body = Encoding.UTF8.GetBytes(element.GetRawText()); // a host that parsed a JSON body for us
        else if (IsBase64Encoded(headers.GetValueOrDefault("Content-Type")))
        {
            try
            {
                body = element.GetBytesFromBase64();
            }
            catch (FormatException)
            {
                error = HostProblem.BadInvocation($"Data.{FunctionCatalog.HttpTriggerBinding}.Body is not base64, but its Content-Type says the host encoded it so.");
                return [];
            }
        }
        else
            body = Encoding.UTF8.GetBytes(element.GetString()!);

        if (body.Length > maxBodyBytes)
        {
            error = HostProblem.TooLarge(maxBodyBytes);
            return [];
        }
        return body;
    }

    /// <summary>The same media types the Functions host base64-encodes (its IsMediaTypeOctetOrMultipart).</summary>
    private static bool IsBase64Encoded(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("multipart/", StringComparison.OrdinalIgnoreCase));

    private static bool TryGetString(JsonElement obj, string name, out string value)
    {
        value = "";
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
            return false;
        value = element.GetString()!;
        return true;
    }
}
