namespace Ember.Api;

/// <summary>
/// An HTTP request as every transport sees it (Kestrel, the Functions host, API Gateway, Lambda
/// function URLs). Hosts translate their own shape into this and nothing else.
/// </summary>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="Path">Absolute path starting at /api (stage prefixes already removed).</param>
/// <param name="Query">Decoded query parameters; a repeated name keeps its last value.</param>
/// <param name="Headers">Request headers; names are compared case-insensitively.</param>
/// <param name="Body">Raw request body (already base64-decoded by the host if needed).</param>
public sealed record ApiRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    public static IReadOnlyDictionary<string, string> EmptyMap { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;
}
