namespace Ember.Batch.Input;

/// <summary>
/// The bytes of a text input for one chunk of rows: rows of a chunk are parsed in place and refer
/// to offsets in <see cref="Buffer"/>, so the window only grows inside a chunk and sheds the bytes
/// already consumed between chunks (<see cref="BeginChunk"/>). Memory is bounded by one chunk.
/// </summary>
internal sealed class StreamWindow(Stream stream, string displayName, long startOffset = 0)
{
    /// <summary>A chunk's bytes beyond this mean a runaway line (an unbalanced quote) or a far too large chunkRows.</summary>
    public const int MaxBytes = 512 * 1024 * 1024;

    private byte[] _buffer = new byte[1 << 16];
    private int _length;
    private int _consumed;
    private long _origin = startOffset;

    public byte[] Buffer => _buffer;

    /// <summary>Valid bytes in <see cref="Buffer"/>.</summary>
    public int Length => _length;

    public bool AtEnd { get; private set; }

    /// <summary>Absolute offset in the input of <see cref="Buffer"/>[0].</summary>
    public long Origin => _origin;

    /// <summary>Bytes of the input read so far.</summary>
    public long BytesRead => _origin + _length;

    public string DisplayName { get; } = displayName;

    /// <summary>Marks everything before <paramref name="index"/> as consumed (dropped at the next <see cref="BeginChunk"/>).</summary>
    public void Consume(int index) => _consumed = index;

    public int Consumed => _consumed;

    /// <summary>Drops the consumed bytes; offsets held from the previous chunk become invalid.</summary>
    public void BeginChunk()
    {
        if (_consumed == 0)
            return;
        System.Buffer.BlockCopy(_buffer, _consumed, _buffer, 0, _length - _consumed);
        _length -= _consumed;
        _origin += _consumed;
        _consumed = 0;
    }

    /// <summary>Reads more bytes, growing the buffer when full; false at the end of the input.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (AtEnd)
            return false;
        if (_length == _buffer.Length)
        {
            if (_buffer.Length >= MaxBytes)
                throw new BatchJobException($"{DisplayName}: more than {MaxBytes / (1024 * 1024)} MiB without the end of a chunk of rows near byte {_origin + _length}: an unbalanced quote, or lower chunkRows", retryable: false);
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, MaxBytes));
        }
        int n = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            AtEnd = true;
            return false;
        }
        _length += n;
        return true;
    }
}
