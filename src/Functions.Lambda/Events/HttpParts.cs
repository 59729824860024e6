using System.Text;
using System.Text.Unicode;
using Ember.Api;

namespace Ember.Functions.Lambda.Events;

/// <summary>Pieces shared by the HTTP API (2.0) and REST API (1.0) adapters.</summary>
internal static class HttpParts
{
    /// <summary>
    /// Removes the stage prefix API Gateway leaves in the path of a named stage ("/prod/api/health"
    /// with stage "prod"), only when what follows is /api, so a stage called "api" is not eaten
    /// from "/api/health" and a custom domain without the stage still works.
    /// </summary>
    public static string StripStage(string path, string? stage)
    {
        if (string.IsNullOrEmpty(stage) || stage == "$default") return path;
        int length = stage.Length + 1;
        if (path.Length > length && path[0] == '/' && path.AsSpan(1).StartsWith(stage, StringComparison.Ordinal)
            && StartsWithSegment(path.AsSpan(length), "/api"))
            return path[length..];
        return path;
    }

    /// <summary>
    /// Percent-decodes a raw path the way Kestrel does for the Azure host: everything except %2F,
    /// which would otherwise turn one segment into two.
    /// </summary>
    public static string DecodePath(string rawPath)
    {
        if (!rawPath.Contains('%')) return rawPath;
        var text = new StringBuilder(rawPath.Length);
        int start = 0;
        while (true)
        {
            int slash = rawPath.IndexOf("%2F", start, StringComparison.OrdinalIgnoreCase);
            int end = slash < 0 ? rawPath.Length : slash;
            text.Append(Uri.UnescapeDataString(rawPath[start..end]));
            if (slash < 0) return text.ToString();
            text.Append(rawPath, slash, 3);
            start = slash + 3;
        }
    }

    /// <summary>Parses a raw query string; a repeated name keeps its last value (the Api's rule).</summary>
    public static Dictionary<string, string> ParseQuery(string? rawQuery)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(rawQuery)) return query;
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            string name = Unescape(eq < 0 ? part : part[..eq]);
            if (name.Length == 0) continue;
            query[name] = eq < 0 ? "" : Unescape(part[(eq + 1)..]);
        }
        return query;
    }

    /// <summary>The body bytes, base64-decoded when the event says so; null when the base64 is bad.</summary>
    public static byte[]? DecodeBody(string? body, bool isBase64Encoded)
    {
        if (string.IsNullOrEmpty(body)) return [];
        if (!isBase64Encoded) return Encoding.UTF8.GetBytes(body);
        byte[] bytes = new byte[(body.Length + 3) / 4 * 3];
        return Convert.TryFromBase64String(body, bytes, out int written) ? bytes[..written] : null;
    }

    /// <summary>
    /// Text bodies go back as text, everything else as base64 (API Gateway decodes it): JSON,
    /// problem+json and text/* stay readable in logs and in the function URL's raw mode.
    /// </summary>
    public static (string Body, bool IsBase64) EncodeBody(ApiResponse response)
    {
        var bytes = response.Body.Span;
        if (IsText(response.ContentType) && Utf8.IsValid(bytes)) return (Encoding.UTF8.GetString(bytes), false);
        return (Convert.ToBase64String(bytes), true);
    }

    /// <summary>The response headers with the content type, as both payload formats want them.</summary>
    public static Dictionary<string, string> ResponseHeaders(ApiResponse response)
    {
        var headers = new Dictionary<string, string>(response.Headers.Count + 1, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response.Headers) headers[name] = value;
        headers["content-type"] = response.ContentType;
        return headers;
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    private static bool StartsWithSegment(ReadOnlySpan<char> path, string segment) =>
        path.StartsWith(segment, StringComparison.Ordinal) && (path.Length == segment.Length || path[segment.Length] == '/');

    private static string Unescape(string value) =>
        Uri.UnescapeDataString(value.Contains('+') ? value.Replace('+', ' ') : value);
}
