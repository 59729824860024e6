using System.Buffers;
using Amazon.S3.Model;

namespace Ember.Storage;

/// <summary>
/// A commit-last upload to an <see cref="S3Store"/>: a multipart upload started when the first
/// full part is ready, completed last, aborted on failure. An object smaller than one part goes
/// up as one PutObject on completion. Nothing is visible at the key before completion.
/// </summary>
internal sealed class S3Upload(S3Store store, string key) : IObjectUpload
{
    private readonly List<PartETag> _parts = [];
    private readonly int _partBytes = store.PartBytes;
    private string? _uploadId;
    private byte[]? _buffer;
    private int _filled;
    private bool _finished;

    public string Key => key;

    public async ValueTask WritePartAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        try
        {
            while (data.Length > 0)
            {
                _buffer ??= ArrayPool<byte>.Shared.Rent(_partBytes);
                int n = Math.Min(_partBytes - _filled, data.Length);
                data.Span[..n].CopyTo(_buffer.AsSpan(_filled));
                _filled += n;
                data = data[n..];
                if (_filled == _partBytes) await UploadPartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task<ObjectWriteResult> CompleteAsync(WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        try
        {
            if (_uploadId is null)
            {
                ObjectWriteResult single = await store.PutObjectAsync(Key, _buffer.AsMemory(0, _filled), condition, cancellationToken).ConfigureAwait(false);
                _finished = true;
                return single;
            }
            if (_filled > 0) await UploadPartAsync(cancellationToken).ConfigureAwait(false);
            ObjectWriteResult result = await store.CallAsync(Key, ct =>
            {
                var request = new CompleteMultipartUploadRequest
                {
                    BucketName = store.Bucket,
                    Key = store.FullKey(Key),
                    UploadId = _uploadId,
                    PartETags = _parts,
                    IfMatch = condition.IfMatch,
                    IfNoneMatch = condition.IfNotExists ? "*" : null,
                };
                return S3Store.ConditionalWriteAsync(condition, async () =>
                    (await store.Client.CompleteMultipartUploadAsync(request, ct).ConfigureAwait(false)).ETag);
            }, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded) await AbortAsync(CancellationToken.None).ConfigureAwait(false);
            _finished = true;
            return result;
        }
        catch
        {
            await AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ReleaseBuffer();
        }
    }

    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return;
        _finished = true;
        ReleaseBuffer();
        if (_uploadId is not { } id) return;
        try
        {
            await store.CallAsync(Key, ct => store.Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = store.Bucket, Key = store.FullKey(Key), UploadId = id,
            }, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException)
        {
            // The parts were never visible; a bucket lifecycle rule for incomplete uploads reclaims them.
        }
    }

    public ValueTask DisposeAsync() => new(AbortAsync());

    private async Task UploadPartAsync(CancellationToken cancellationToken)
    {
        _uploadId ??= (await store.CallAsync(Key, ct => store.Client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = store.Bucket, Key = store.FullKey(Key),
        }, ct), cancellationToken).ConfigureAwait(false)).UploadId;

        int partNumber = _parts.Count + 1;
        ReadOnlyMemory<byte> part = _buffer.AsMemory(0, _filled);
        string md5 = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(part.Span));
        UploadPartResponse response = await store.CallAsync(Key, ct => store.Client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = store.Bucket,
            Key = store.FullKey(Key),
            UploadId = _uploadId,
            PartNumber = partNumber,
            InputStream = S3Store.StreamOver(part),
            MD5Digest = md5,
        }, ct), cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(partNumber, response.ETag));
        _filled = 0;
    }

    private void ReleaseBuffer()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
