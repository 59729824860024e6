namespace Ember.Api;

/// <summary>An HTTP response as every transport writes it back.</summary>
public sealed record ApiResponse(
    int Status,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Headers)
{
    public static ApiResponse Text(int status, string text) =>
        new(status, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(text), ApiRequest.EmptyMap);
}
