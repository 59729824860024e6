using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace Ember.Storage;

/// <summary>
/// S3's two read calls, GetObject and ListObjectsV2, as signed REST requests over one HttpClient.
/// The SDK spends ~10 ms of a cold start setting itself up on its first call (endpoint rules,
/// generic pipeline handlers, its own HTTP client); a model load is exactly two reads, so the
/// serving path takes this short road when the credentials are plain keys (as on Lambda).
/// Everything else (writes, uploads, other credential sources) stays on the SDK.
/// </summary>
internal sealed class S3RestReader : IDisposable
{
    private readonly HttpClient _http;
    private readonly SigV4Signer _signer;
    private readonly string _bucketUrl; // no trailing slash; keys follow after '/'
    private readonly string _location;
    private readonly string _bucket;

    /// <param name="endpoint">A custom endpoint (path-style, as for MinIO or moto); null for AWS itself.</param>
    public S3RestReader(string bucket, string? endpoint, SigV4Signer signer, StoreOptions options, string location, HttpMessageHandler? handler = null)
    {
        _bucket = bucket;
        _signer = signer;
        _location = location;
        _bucketUrl = BucketUrl(bucket, endpoint, signer.Region);
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            // A redirected request would carry a signature for the wrong host: answer it here.
            AllowAutoRedirect = false,
        }, disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Path-style for custom endpoints and dotted bucket names (TLS wildcards do not cover dots), else virtual-hosted.</summary>
    internal static string BucketUrl(string bucket, string? endpoint, string region)
    {
        if (endpoint is not null) return endpoint.TrimEnd('/') + "/" + SigV4Signer.Encode(bucket);
        string domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return bucket.Contains('.', StringComparison.Ordinal)
            ? $"https://s3.{region}.{domain}/{bucket}"
            : $"https://{bucket}.s3.{region}.{domain}";
    }

    /// <summary>One attempt of GetObject; the caller's retry pipeline repeats it.</summary>
    public async Task<(HttpResponseMessage Response, ObjectReadStatus Status)> GetAsync(string fullKey, string? ifNoneMatch, CancellationToken ct)
    {
        HttpResponseMessage response = await SendAsync(fullKey, _bucketUrl + "/" + EncodeKey(fullKey), [], ifNoneMatch, ct).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return (response, ObjectReadStatus.Found);
            case HttpStatusCode.NotModified:
                response.Dispose();
                return (response, ObjectReadStatus.NotModified);
            default:
                await ThrowUnlessMissingKeyAsync(response, fullKey, ct).ConfigureAwait(false);
                return (response, ObjectReadStatus.NotFound);
        }
    }

    /// <summary>
    /// Returns for a 404 that says the key does not exist; throws the refusal for any other answer
    /// (a 404 for a missing bucket included), naming the bucket's region when S3 gives it.
    /// </summary>
    private async Task ThrowUnlessMissingKeyAsync(HttpResponseMessage response, string fullKey, CancellationToken ct)
    {
        string? code = await ErrorCodeAsync(response, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && code is "NoSuchKey" or null)
            return;
        string? region = response.StatusCode == HttpStatusCode.NotFound ? null : BucketRegion(response);
        throw Refused(fullKey, response.StatusCode, code, region);
    }

    /// <summary>
    /// One attempt of a ranged GetObject: 206 is the range, 412 a changed object (If-Match), 416 a
    /// range past the end (an error naming the range). The caller checks Content-Range.
    /// </summary>
    /// <param name="key">The key as the store's callers know it, for the past-the-end error.</param>
    public async Task<(HttpResponseMessage Response, ObjectRangeStatus Status)> GetRangeAsync(string fullKey, string key, long offset, long length, string? ifMatch, CancellationToken ct)
    {
        HttpResponseMessage response = await SendAsync(fullKey, _bucketUrl + "/" + EncodeKey(fullKey), [], null, ct,
            ifMatch, ObjectRange.Header(offset, length)).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent or HttpStatusCode.OK:
                return (response, ObjectRangeStatus.Found);
            case HttpStatusCode.PreconditionFailed:
                response.Dispose();
                return (response, ObjectRangeStatus.Changed);
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                long? total = response.Content.Headers.ContentRange?.Length; // "bytes */length" when the server says
                response.Dispose();
                throw ObjectRange.PastEnd(_location, key, offset, length, total);
            default:
                await ThrowUnlessMissingKeyAsync(response, fullKey, ct).ConfigureAwait(false);
                return (response, ObjectRangeStatus.NotFound);
        }
    }

    private static string? BucketRegion(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amz-bucket-region", out var values) ? values.FirstOrDefault() : null;

    /// <summary>One attempt of ListObjectsV2 for one page.</summary>
    public async Task<(List<ObjectEntry> Entries, string? NextToken)> ListAsync(string fullPrefix, string root, ListOptions options, CancellationToken ct)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("list-type", "2"),
            new("max-keys", options.EffectivePageSize.ToString(CultureInfo.InvariantCulture)),
            new("prefix", fullPrefix),
        };
        if (options.Delimited) query.Add(new("delimiter", "/"));
        if (options.ContinuationToken is { } token) query.Add(new("continuation-token", token));
        var url = new StringBuilder(_bucketUrl).Append('/');
        for (int i = 0; i < query.Count; i++)
            url.Append(i == 0 ? '?' : '&').Append(SigV4Signer.Encode(query[i].Key)).Append('=').Append(SigV4Signer.Encode(query[i].Value));

        using HttpResponseMessage response = await SendAsync(fullPrefix, url.ToString(), query, null, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            string? region = BucketRegion(response);
            throw Refused(fullPrefix, response.StatusCode, await ErrorCodeAsync(response, ct).ConfigureAwait(false), region);
        }
        await using Stream body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await ListingXml.ReadAsync(body, root, _location, ct).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(string key, string url, IReadOnlyList<KeyValuePair<string, string>> query, string? ifNoneMatch, CancellationToken ct,
        string? ifMatch = null, string? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Absolute));
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        // Range and If-Match stay out of the signature: SigV4 only requires host and x-amz-* headers signed.
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (range is not null) request.Headers.TryAddWithoutValidation("Range", range);
        _signer.Sign(request, query, DateTimeOffset.UtcNow);
        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        // 307: a bucket created moments ago whose DNS name is not everywhere yet; it settles.
        if (status >= 500 || status is 408 or 429 or 307)
        {
            string? code = await ErrorCodeAsync(response, ct).ConfigureAwait(false);
            throw new TransientStoreException($"HTTP {status} {code}".TrimEnd());
        }
        return response;
    }

    /// <summary>Keys are encoded segment by segment: '/' stays a separator, everything else per RFC 3986.</summary>
    internal static string EncodeKey(string key)
    {
        var builder = new StringBuilder(key.Length + 16);
        int start = 0;
        while (true)
        {
            int slash = key.IndexOf('/', start);
            builder.Append(SigV4Signer.Encode(slash < 0 ? key[start..] : key[start..slash]));
            if (slash < 0) return builder.ToString();
            builder.Append('/');
            start = slash + 1;
        }
    }

    /// <summary>The &lt;Code&gt; of an S3 error body (small; read whole), and the response released.</summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            if (response.Content.Headers.ContentLength is > 64 * 1024) return null;
            string xml = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            int start = xml.IndexOf("<Code>", StringComparison.Ordinal);
            int end = start < 0 ? -1 : xml.IndexOf("</Code>", start, StringComparison.Ordinal);
            return end > start ? xml[(start + 6)..end] : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        finally
        {
            response.Dispose();
        }
    }

    private ObjectStoreException Refused(string key, HttpStatusCode status, string? code, string? bucketRegion)
    {
        string detail = $"HTTP {(int)status} {code}".TrimEnd();
        // The SDK follows a region redirect itself; these signed requests cannot, so say where the bucket is.
        if (status is HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect || code is "PermanentRedirect" or "AuthorizationHeaderMalformed")
            return new ObjectStoreException(ObjectStoreErrorKind.Misconfigured, _location, key,
                $"{detail}: the bucket '{_bucket}' is not in {_signer.Region}"
                + (bucketRegion is null ? " (set AWS_REGION to the bucket's region)" : $" but in {bucketRegion} (set AWS_REGION={bucketRegion})"));
        return S3Refusal.Classify(_location, _bucket, key, status, code, detail);
    }

    public void Dispose() => _http.Dispose();
}
