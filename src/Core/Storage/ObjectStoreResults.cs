namespace Ember.Storage;

public enum ObjectReadStatus { Found, NotFound, NotModified }

/// <summary>
/// The answer of <see cref="IObjectStore.GetAsync"/>. Owns the content stream when
/// <see cref="Status"/> is <see cref="ObjectReadStatus.Found"/>: dispose it.
/// </summary>
public sealed class ObjectReadResult : IDisposable, IAsyncDisposable
{
    private ObjectReadResult(ObjectReadStatus status, string key, Stream? content, string? eTag, long length)
    {
        Status = status;
        Key = key;
        _content = content;
        ETag = eTag;
        Length = length;
    }

    private readonly Stream? _content;

    public ObjectReadStatus Status { get; }
    public string Key { get; }

    /// <summary>The object's ETag (quoted, opaque): pass it back as If-None-Match or If-Match.</summary>
    public string? ETag { get; }

    /// <summary>Length in bytes of the content, -1 when not found.</summary>
    public long Length { get; }

    /// <summary>The body; only for <see cref="ObjectReadStatus.Found"/>.</summary>
    public Stream Content => _content ?? throw new InvalidOperationException(
        $"Object '{Key}' has no content to read: its status is {Status}.");

    public static ObjectReadResult Found(string key, Stream content, string eTag, long length) =>
        new(ObjectReadStatus.Found, key, content, eTag, length);

    public static ObjectReadResult NotFound(string key) => new(ObjectReadStatus.NotFound, key, null, null, -1);

    public static ObjectReadResult NotModified(string key, string eTag) =>
        new(ObjectReadStatus.NotModified, key, null, eTag, -1);

    public void Dispose() => _content?.Dispose();

    public ValueTask DisposeAsync() => _content?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public enum ObjectWriteStatus { Written, PreconditionFailed }

/// <summary>The answer of a put or an upload commit.</summary>
/// <param name="ETag">The new ETag when written (null when the store did not say).</param>
public readonly record struct ObjectWriteResult(ObjectWriteStatus Status, string? ETag)
{
    public bool Succeeded => Status == ObjectWriteStatus.Written;
    public static ObjectWriteResult Written(string? eTag) => new(ObjectWriteStatus.Written, eTag);
    public static ObjectWriteResult PreconditionFailed => new(ObjectWriteStatus.PreconditionFailed, null);
}

/// <summary>
/// Optimistic concurrency for writes: <see cref="IfMatch"/> replaces only the version read
/// earlier; <see cref="IfNotExists"/> creates only (If-None-Match: *). Default: unconditional.
/// </summary>
public readonly record struct WriteCondition(string? IfMatch, bool IfNotExists)
{
    public static WriteCondition None => default;
    public static WriteCondition CreateOnly => new(null, true);
    public static WriteCondition ReplaceOnly(string eTag) => new(eTag, false);

    /// <summary>Create-only when <paramref name="eTag"/> is null, else replace that version only.</summary>
    public static WriteCondition ForVersion(string? eTag) => eTag is null ? CreateOnly : ReplaceOnly(eTag);
}

/// <summary>One listed key (relative to the store root), or a "directory" prefix ending in '/'.</summary>
public sealed record ObjectEntry(string Key, long Length, string? ETag, DateTimeOffset? LastModified, bool IsPrefix);

/// <param name="ContinuationToken">Null on the last page.</param>
public sealed record ObjectListPage(IReadOnlyList<ObjectEntry> Entries, string? ContinuationToken);

/// <param name="Delimited">True cuts keys at the next '/' after the prefix (see <see cref="ObjectEntry.IsPrefix"/>); default recursive.</param>
/// <param name="PageSize">At most this many entries per page (1..1000; 0 = 1000).</param>
/// <param name="ContinuationToken">From the previous page; null for the first.</param>
public readonly record struct ListOptions(bool Delimited = false, int PageSize = 0, string? ContinuationToken = null)
{
    public int EffectivePageSize => PageSize is > 0 and <= 1000 ? PageSize : 1000;
}
