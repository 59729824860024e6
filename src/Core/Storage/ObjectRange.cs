using System.Globalization;
using System.Net;

namespace Ember.Storage;

public enum ObjectRangeStatus
{
    Found,
    NotFound,
    /// <summary>The object no longer has the ETag the read was conditioned on (If-Match failed).</summary>
    Changed,
}

/// <summary>
/// The answer of <see cref="IObjectStore.GetRangeAsync"/>. Owns the content stream when
/// <see cref="Status"/> is <see cref="ObjectRangeStatus.Found"/>: dispose it.
/// </summary>
public sealed class ObjectRangeResult : IDisposable, IAsyncDisposable
{
    private readonly Stream? _content;

    private ObjectRangeResult(ObjectRangeStatus status, string key, long offset, long length, long objectLength, string? eTag, Stream? content)
    {
        Status = status;
        Key = key;
        Offset = offset;
        Length = length;
        ObjectLength = objectLength;
        ETag = eTag;
        _content = content;
    }

    public ObjectRangeStatus Status { get; }
    public string Key { get; }

    /// <summary>Where the range starts in the object.</summary>
    public long Offset { get; }

    /// <summary>Bytes in the range (what <see cref="Content"/> yields), -1 unless found.</summary>
    public long Length { get; }

    /// <summary>Bytes in the whole object, -1 unless found.</summary>
    public long ObjectLength { get; }

    /// <summary>The ETag of the version the bytes come from: pass it as ifMatch to the next range read.</summary>
    public string? ETag { get; }

    /// <summary>Exactly <see cref="Length"/> bytes; a shorter or longer body is a <see cref="ObjectStoreErrorKind.Corrupt"/> error.</summary>
    public Stream Content => _content ?? throw new InvalidOperationException(
        $"Object '{Key}' has no range content to read: its status is {Status}.");

    public static ObjectRangeResult Found(string key, long offset, long length, long objectLength, string eTag, Stream content) =>
        new(ObjectRangeStatus.Found, key, offset, length, objectLength, eTag, content);

    public static ObjectRangeResult NotFound(string key) => new(ObjectRangeStatus.NotFound, key, -1, -1, -1, null, null);

    public static ObjectRangeResult Changed(string key) => new(ObjectRangeStatus.Changed, key, -1, -1, -1, null, null);

    public void Dispose() => _content?.Dispose();

    public ValueTask DisposeAsync() => _content?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The checks and wording every store shares for ranged reads.</summary>
internal static class ObjectRange
{
    /// <summary>A negative offset or an empty range is a caller's bug, not a store answer.</summary>
    public static void Validate(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (length > long.MaxValue - offset)
            throw new ArgumentOutOfRangeException(nameof(length), $"a range of {length} bytes at offset {offset} overflows");
    }

    /// <summary>The HTTP form, inclusive at both ends: <c>bytes=first-last</c>.</summary>
    public static string Header(long offset, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes={offset}-{offset + length - 1}");

    public static ObjectStoreException PastEnd(string location, string key, long offset, long length, long? objectLength) =>
        new(ObjectStoreErrorKind.RangeNotSatisfiable, location, key,
            $"the range bytes {offset}-{offset + length - 1} ({length} bytes at offset {offset}) lies past the end of the "
            + (objectLength is { } n ? $"{n}-byte object" : "object"));

    /// <summary>Parses <c>bytes first-last/total</c>; false for anything else (<c>*</c> totals included).</summary>
    public static bool TryParseContentRange(string? value, out long first, out long last, out long total)
    {
        first = last = total = -1;
        if (value is null || !value.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase)) return false;
        ReadOnlySpan<char> rest = value.AsSpan(6).Trim();
        int dash = rest.IndexOf('-'), slash = rest.IndexOf('/');
        return dash > 0 && slash > dash
            && long.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && long.TryParse(rest[(dash + 1)..slash], NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && long.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out total)
            && first <= last && last < total;
    }

    /// <summary>
    /// The object's length from a ranged answer, after checking it is the range asked for. An HTTP
    /// server may answer a range that runs past the end with the bytes it has (206 with a shorter
    /// Content-Range): that is the caller's range past the end, not a short body.
    /// </summary>
    /// <param name="partial">True for 206 (Content-Range describes the body); false for 200 (the whole object).</param>
    public static long CheckAnswer(string location, string key, long offset, long length, bool partial, string? contentRange, long? contentLength)
    {
        if (!partial)
        {
            // A 200 carries the whole object: only acceptable when the range was the whole object.
            if (contentLength is not long whole)
                throw new ObjectStoreException(ObjectStoreErrorKind.Failed, location, key, "the answer to a range read has no Content-Length");
            if (offset + length > whole) throw PastEnd(location, key, offset, length, whole);
            if (offset != 0 || length != whole)
                throw new ObjectStoreException(ObjectStoreErrorKind.Failed, location, key,
                    $"the store ignored the range bytes {offset}-{offset + length - 1} and answered the whole {whole}-byte object");
            return whole;
        }
        if (!TryParseContentRange(contentRange, out long first, out long last, out long total))
        {
            // Azurite answers a range that starts at the end with an empty 206 and no Content-Range.
            if (contentLength is long got && got < length) throw PastEnd(location, key, offset, length, null);
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, location, key,
                $"the answer to a range read has no usable Content-Range (\"{contentRange}\")");
        }
        if (offset + length > total) throw PastEnd(location, key, offset, length, total);
        if (first != offset || last != offset + length - 1 || (contentLength is long n && n != length))
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, location, key,
                $"asked for bytes {offset}-{offset + length - 1}, the store answered bytes {first}-{last} ({contentLength} bytes)");
        return total;
    }

    /// <summary>
    /// A 200 or 206 answer to a ranged GET over HTTP (S3 REST, Blob) as a found range: the answer is
    /// checked against the range asked for (<see cref="CheckAnswer"/>), then its body is streamed,
    /// verified by length. The response is disposed if this throws.
    /// </summary>
    public static async Task<ObjectRangeResult> FoundAsync(HttpResponseMessage response, string location, string key,
        long offset, long length, string? eTag, CancellationToken cancellationToken)
    {
        try
        {
            if (eTag is null)
                throw new ObjectStoreException(ObjectStoreErrorKind.Failed, location, key, "the answer has no ETag");
            long total = CheckAnswer(location, key, offset, length, response.StatusCode == HttpStatusCode.PartialContent,
                response.Content.Headers.ContentRange?.ToString(), response.Content.Headers.ContentLength);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return ObjectRangeResult.Found(key, offset, length, total, eTag,
                new VerifyingReadStream(body, location, key, length, expectedMd5: null, owner: response));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
