namespace Ember.Storage;

/// <summary>
/// A flat key space of immutable-ish objects (keys like <c>iris/3/model/metadata/part-00000</c>),
/// rooted at the prefix the store was opened with: a local directory, an S3 bucket/prefix or an
/// Azure Blob container/prefix. Storage knows nothing of what the objects mean.
/// </summary>
/// <remarks>
/// Error model: outcomes a caller must expect are values — <see cref="ObjectReadStatus.NotFound"/>,
/// <see cref="ObjectReadStatus.NotModified"/>, <see cref="ObjectWriteStatus.PreconditionFailed"/>,
/// <c>false</c> from <see cref="DeleteAsync"/>. Everything else (outage after bounded retries,
/// access denied, missing bucket/container, corrupted download, invalid key) is an
/// <see cref="ObjectStoreException"/> whose <see cref="ObjectStoreException.Kind"/> says which, and
/// whose message names the store and the key. No SDK or HttpClient exception escapes a store;
/// <see cref="OperationCanceledException"/> does, when the caller's token is cancelled.
/// </remarks>
public interface IObjectStore : IDisposable
{
    /// <summary>Where this store points, for messages: a directory, <c>s3://bucket/prefix</c> or a blob URL.</summary>
    string Location { get; }

    /// <summary>
    /// Opens an object for streaming. With <paramref name="ifNoneMatch"/> (an ETag from an earlier
    /// read) an unchanged object answers <see cref="ObjectReadStatus.NotModified"/> without a body.
    /// The content stream checks the length (and the MD5 where the store has one) as it is read and
    /// throws a <see cref="ObjectStoreErrorKind.Corrupt"/> error on a truncated or altered body.
    /// </summary>
    Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads <paramref name="length"/> bytes at <paramref name="offset"/> of an object, with the
    /// object's total length and ETag. With <paramref name="ifMatch"/> (the ETag of an earlier read)
    /// a changed (or replaced) object answers <see cref="ObjectRangeStatus.Changed"/>, so ranges of
    /// one object read this way all come from one version. A range past the end of the object is a
    /// <see cref="ObjectStoreErrorKind.RangeNotSatisfiable"/> error naming the range; the content
    /// stream checks the length as it is read (an MD5 of the whole object does not apply to a range).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset or a length below 1.</exception>
    Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the objects whose key starts with <paramref name="prefix"/>, in ordinal key
    /// order, recursive by default. With <see cref="ListOptions.Delimited"/> keys are cut after the
    /// next '/' following the prefix and returned once as <see cref="ObjectEntry.IsPrefix"/>
    /// entries ("directories"). Pass the returned
    /// <see cref="ObjectListPage.ContinuationToken"/> back to get the next page.
    /// </summary>
    Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>Writes a whole (small) object at once, honouring <paramref name="condition"/>.</summary>
    Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a commit-last upload for a large object: nothing is visible at <paramref name="key"/>
    /// until <see cref="IObjectUpload.CompleteAsync"/> succeeds, and nothing after an abort.
    /// </summary>
    Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default);
}
