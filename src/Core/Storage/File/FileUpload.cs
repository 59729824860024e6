namespace Ember.Storage;

/// <summary>A commit-last upload to a <see cref="FileStore"/>: a temp file renamed into place on completion.</summary>
internal sealed class FileUpload(FileStore store, string key, string target, string temp, FileStream stream) : IObjectUpload
{
    private bool _finished;

    public string Key => key;

    public async ValueTask WritePartAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        try
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw store.Failure(key, ex);
        }
    }

    public async Task<ObjectWriteResult> CompleteAsync(WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        try
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FileStore.TryDelete(temp);
            throw store.Failure(key, ex);
        }
        return await store.CommitAsync(temp, key, target, condition, cancellationToken).ConfigureAwait(false);
    }

    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return;
        _finished = true;
        await stream.DisposeAsync().ConfigureAwait(false);
        FileStore.TryDelete(temp);
    }

    public ValueTask DisposeAsync() => new(AbortAsync());
}
