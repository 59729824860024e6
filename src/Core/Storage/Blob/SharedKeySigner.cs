using System.Security.Cryptography;
using System.Text;

namespace Ember.Storage;

/// <summary>
/// Azure Storage Shared Key authorization (versions 2009-09-19 and later): the canonical
/// string-to-sign and its HMAC-SHA256. Kept apart from the HTTP code so it can be unit-tested
/// against a fixed vector.
/// </summary>
internal static class SharedKeySigner
{
    /// <summary>The standard headers, in the order the string-to-sign lists them after the verb.</summary>
    private static readonly string[] StandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    /// <param name="header">Value of a request or content header as it goes on the wire, or null.</param>
    /// <param name="msHeaders">Every x-ms-* header (any case) with its value.</param>
    /// <param name="escapedPath">The URI path exactly as sent (percent-encoded), e.g. /devstoreaccount1/models/a.</param>
    /// <param name="query">Query parameters with their decoded values (the SAS part excluded).</param>
    public static string StringToSign(string method, Func<string, string?> header,
        IEnumerable<KeyValuePair<string, string>> msHeaders, string account, string escapedPath,
        IEnumerable<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder(256).Append(method).Append('\n');
        foreach (string name in StandardHeaders)
        {
            string? value = header(name);
            // A zero Content-Length is signed as empty (version 2015-02-21 and later).
            if (name == "Content-Length" && value == "0") value = null;
            sb.Append(value).Append('\n');
        }

        foreach (var (name, value) in msHeaders
                     .Select(static h => (Name: h.Key.ToLowerInvariant(), Value: FoldWhitespace(h.Value)))
                     .Where(static h => h.Name.StartsWith("x-ms-", StringComparison.Ordinal))
                     .OrderBy(static h => h.Name, StringComparer.Ordinal))
            sb.Append(name).Append(':').Append(value).Append('\n');

        // The path already holds the account on emulator (path-style) URLs; it is prefixed again anyway.
        sb.Append('/').Append(account).Append(escapedPath);
        foreach (var group in query
                     .GroupBy(static q => q.Key.ToLowerInvariant(), StringComparer.Ordinal)
                     .OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(group.Key).Append(':')
              .AppendJoin(',', group.Select(static q => q.Value).Order(StringComparer.Ordinal));
        }
        return sb.ToString();
    }

    public static string Sign(ReadOnlySpan<byte> accountKey, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));

    private static string FoldWhitespace(string value)
    {
        string trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal)) return trimmed;
        var sb = new StringBuilder(trimmed.Length);
        foreach (char c in trimmed)
            if (c != ' ' || sb.Length == 0 || sb[^1] != ' ') sb.Append(c);
        return sb.ToString();
    }
}
