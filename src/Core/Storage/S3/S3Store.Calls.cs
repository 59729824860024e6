using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Ember.Storage;

public sealed partial class S3Store
{
    public async Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(Location, prefix);
        if (_rest is { } rest)
        {
            var (listed, next) = await CallAsync(prefix, ct => rest.ListAsync(_root + prefix, _root, options, ct), cancellationToken).ConfigureAwait(false);
            return new ObjectListPage(listed, next);
        }
        ListObjectsV2Response response = await CallAsync(prefix, ct => Client.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _bucket,
            Prefix = _root + prefix,
            Delimiter = options.Delimited ? "/" : null,
            MaxKeys = options.EffectivePageSize,
            ContinuationToken = options.ContinuationToken,
        }, ct), cancellationToken).ConfigureAwait(false);

        var entries = new List<ObjectEntry>();
        foreach (S3Object o in response.S3Objects ?? [])
            if (o.Key.StartsWith(_root, StringComparison.Ordinal))
                entries.Add(new ObjectEntry(o.Key[_root.Length..], o.Size ?? 0, o.ETag, o.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : null, false));
        foreach (string p in response.CommonPrefixes ?? [])
            if (p.StartsWith(_root, StringComparison.Ordinal))
                entries.Add(new ObjectEntry(p[_root.Length..], 0, null, null, true));
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new ObjectListPage(entries, response.IsTruncated == true ? response.NextContinuationToken : null);
    }

    /// <summary>
    /// One SDK call under the retry pipeline; permanent SDK errors become typed store errors
    /// inside the attempt, so nothing from the SDK escapes.
    /// </summary>
    internal Task<T> CallAsync<T>(string? key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _resilience.ExecuteAsync(key, async ct =>
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (AmazonServiceException e) when (!IsTransient(e))
            {
                throw Translate(key, e);
            }
        }, cancellationToken);

    private ObjectStoreException Translate(string? key, AmazonServiceException e) =>
        S3Refusal.Classify(Location, _bucket, key, e.StatusCode, e.ErrorCode, $"HTTP {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);

    private static string? Describe(Exception ex) => ex switch
    {
        AmazonServiceException { StatusCode: > 0 } s => $"HTTP {(int)s.StatusCode} {s.ErrorCode}".TrimEnd() + (string.IsNullOrEmpty(s.Message) ? "" : ": " + s.Message),
        AmazonClientException { InnerException: { } inner } => StoreResilience.Describe(inner),
        _ => null,
    };

    private static bool IsTransient(Exception ex) => ex switch
    {
        AmazonServiceException s when (int)s.StatusCode >= 500 || s.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        AmazonServiceException { ErrorCode: "SlowDown" or "RequestTimeout" or "InternalError" or "ServiceUnavailable" } => true,
        // A connection failure can arrive as a service exception without a status code.
        AmazonServiceException { InnerException: { } inner } when StoreResilience.IsCommonTransient(inner) => true,
        // 304/404/412 arrive as exceptions too; they are answers, not failures.
        AmazonServiceException => false,
        AmazonClientException c => c.InnerException is { } inner && StoreResilience.IsCommonTransient(inner),
        _ => false,
    };

    /// <summary>A read-only stream over the caller's bytes without copying them when they are an array.</summary>
    internal static MemoryStream StreamOver(ReadOnlyMemory<byte> content) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
