using System.Security.Cryptography;

namespace Ember.Storage;

/// <summary>
/// Wraps a download body and checks, as it is read, that exactly the promised number of bytes
/// arrive and (when the store gave one) that their MD5 matches: a truncated or altered model file
/// becomes a <see cref="ObjectStoreErrorKind.Corrupt"/> error at the read that hits the end,
/// instead of a confusing Parquet/JSON parse failure later.
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _location;
    private readonly string _key;
    private readonly long _expectedLength;
    private readonly byte[]? _expectedMd5;
    private readonly IncrementalHash? _md5;
    private readonly IDisposable? _owner;
    private long _read;
    private bool _verified;

    /// <param name="owner">Disposed with the stream (e.g. the HTTP response that owns the body).</param>
    public VerifyingReadStream(Stream inner, string location, string key, long expectedLength, byte[]? expectedMd5, IDisposable? owner = null)
    {
        _inner = inner;
        _location = location;
        _key = key;
        _expectedLength = expectedLength;
        _expectedMd5 = expectedMd5 is { Length: 16 } ? expectedMd5 : null;
        _md5 = _expectedMd5 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        _owner = owner;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _expectedLength;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try { n = _inner.Read(buffer); }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectStoreException) { throw Wrap(ex); }
        return Account(buffer[..n], buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try { n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectStoreException) { throw Wrap(ex); }
        return Account(buffer.Span[..n], buffer.Length);
    }

    private int Account(ReadOnlySpan<byte> chunk, int requested)
    {
        _read += chunk.Length;
        _md5?.AppendData(chunk);
        if (_read > _expectedLength)
            throw Corrupt($"received more than the {_expectedLength} bytes announced");
        if (chunk.Length == 0 && requested > 0) Verify();
        return chunk.Length;
    }

    private void Verify()
    {
        if (_verified) return;
        _verified = true;
        if (_read != _expectedLength)
            throw Corrupt($"the download ended after {_read} of {_expectedLength} bytes (truncated)");
        if (_md5 is not null && !_md5.GetHashAndReset().AsSpan().SequenceEqual(_expectedMd5))
            throw Corrupt($"the MD5 of the {_read} bytes received differs from the stored MD5 {Convert.ToBase64String(_expectedMd5!)}");
    }

    private ObjectStoreException Corrupt(string problem) =>
        new(ObjectStoreErrorKind.Corrupt, _location, _key, problem);

    /// <summary>
    /// A broken connection is an outage; anything else the inner stream throws (an SDK's own
    /// checksum check, say) means the bytes cannot be trusted.
    /// </summary>
    private ObjectStoreException Wrap(Exception ex) => ex is IOException or HttpRequestException
        ? new(ObjectStoreErrorKind.Unavailable, _location, _key, $"the connection failed after {_read} of {_expectedLength} bytes: {ex.Message}", ex)
        : new(ObjectStoreErrorKind.Corrupt, _location, _key, $"reading failed after {_read} of {_expectedLength} bytes: {ex.Message}", ex);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner?.Dispose();
            _md5?.Dispose();
        }
        base.Dispose(disposing);
    }
}
