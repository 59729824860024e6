namespace Ember.Storage;

/// <summary>
/// A commit-last upload: parts are appended in order, the object appears atomically at
/// <see cref="Key"/> on <see cref="CompleteAsync"/>. File store: temp file then rename; S3:
/// multipart upload completed last; Blob: Put Block, then Put Block List. Disposing an upload
/// that was not completed aborts it.
/// </summary>
public interface IObjectUpload : IAsyncDisposable
{
    string Key { get; }

    /// <summary>Appends bytes (any size: the store buffers them into its own part size).</summary>
    ValueTask WritePartAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Makes the object visible, honouring <paramref name="condition"/> (e.g. create-only).</summary>
    Task<ObjectWriteResult> CompleteAsync(WriteCondition condition = default, CancellationToken cancellationToken = default);

    /// <summary>Discards everything written; safe to call twice or after a failure.</summary>
    Task AbortAsync(CancellationToken cancellationToken = default);
}
