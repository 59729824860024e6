using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Ember.Storage;

/// <summary>
/// A commit-last upload to a <see cref="BlobStore"/>: full parts go up as uncommitted blocks
/// (Put Block), and the blob appears only when Put Block List commits them. An object smaller
/// than one part is sent as a single Put Blob on completion. Abort leaves the uncommitted blocks
/// for the service to discard (about a week later); they are never visible.
/// </summary>
internal sealed class BlobUpload(BlobStore store, string key, int partBytes) : IObjectUpload
{
    private readonly List<string> _blockIds = [];
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private byte[]? _buffer;
    private int _filled;
    private bool _finished;

    public string Key => key;

    public async ValueTask WritePartAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _md5.AppendData(data.Span);
        while (data.Length > 0)
        {
            _buffer ??= ArrayPool<byte>.Shared.Rent(partBytes);
            int n = Math.Min(partBytes - _filled, data.Length);
            data.Span[..n].CopyTo(_buffer.AsSpan(_filled));
            _filled += n;
            data = data[n..];
            if (_filled == partBytes) await FlushBlockAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ObjectWriteResult> CompleteAsync(WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        try
        {
            if (_blockIds.Count == 0)
                return await store.PutBlobAsync(Key, _buffer.AsMemory(0, _filled), condition, cancellationToken).ConfigureAwait(false);
            if (_filled > 0) await FlushBlockAsync(cancellationToken).ConfigureAwait(false);
            return await store.PutBlockListAsync(Key, _blockIds, _md5.GetHashAndReset(), condition, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    public Task AbortAsync(CancellationToken cancellationToken = default)
    {
        _finished = true;
        Release();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(AbortAsync());

    private async Task FlushBlockAsync(CancellationToken cancellationToken)
    {
        // Block ids must have the same length for every block of a blob: a fixed-width counter.
        string id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blockIds.Count.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)));
        await store.PutBlockAsync(Key, id, _buffer.AsMemory(0, _filled), cancellationToken).ConfigureAwait(false);
        _blockIds.Add(id);
        _filled = 0;
    }

    private void Release()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _md5.Dispose();
    }
}
