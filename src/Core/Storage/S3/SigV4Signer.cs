using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ember.Storage;

/// <summary>
/// AWS Signature Version 4 for body-less S3 requests (GET): signs host, x-amz-content-sha256,
/// x-amz-date and x-amz-security-token. Test vectors in the tests come from botocore's signer.
/// </summary>
internal sealed class SigV4Signer(string accessKeyId, string secretAccessKey, string? sessionToken, string region)
{
    /// <summary>SHA-256 of an empty body.</summary>
    internal const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private const string Service = "s3";

    public string Region => region;

    /// <summary>
    /// Adds the signing headers. <paramref name="query"/> must be exactly the request's query, in
    /// any order, unencoded (the canonical form encodes and sorts it).
    /// </summary>
    public void Sign(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, DateTimeOffset now)
    {
        Uri uri = request.RequestUri!;
        string amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string day = amzDate[..8];
        string host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";

        var canonical = new StringBuilder(512);
        canonical.Append(request.Method.Method).Append('\n');
        canonical.Append(uri.AbsolutePath).Append('\n');
        AppendCanonicalQuery(canonical, query);
        canonical.Append('\n');
        canonical.Append("host:").Append(host).Append('\n');
        canonical.Append("x-amz-content-sha256:").Append(EmptyPayloadHash).Append('\n');
        canonical.Append("x-amz-date:").Append(amzDate).Append('\n');
        string signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        if (sessionToken is not null)
        {
            canonical.Append("x-amz-security-token:").Append(sessionToken).Append('\n');
            signedHeaders += ";x-amz-security-token";
        }
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(EmptyPayloadHash);

        string scope = $"{day}/{region}/{Service}/aws4_request";
        string stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        byte[] key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), day);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        string signature = Hex(Hmac(key, stringToSign));

        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", EmptyPayloadHash);
        if (sessionToken is not null) request.Headers.TryAddWithoutValidation("x-amz-security-token", sessionToken);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ as %XX (upper case).</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    private static void AppendCanonicalQuery(StringBuilder builder, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var pairs = new (string Name, string Value)[query.Count];
        for (int i = 0; i < query.Count; i++)
            pairs[i] = (Encode(query[i].Key), Encode(query[i].Value));
        Array.Sort(pairs, static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        for (int i = 0; i < pairs.Length; i++)
        {
            if (i > 0) builder.Append('&');
            builder.Append(pairs[i].Name).Append('=').Append(pairs[i].Value);
        }
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
