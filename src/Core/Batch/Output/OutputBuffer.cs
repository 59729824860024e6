using System.Buffers;

namespace Ember.Batch.Output;

/// <summary>
/// The bytes a sink produced since the last drain: a write-only stream (for the Parquet writer)
/// over a growable buffer (for the JSON and CSV writers). Holds at most one chunk's output.
/// </summary>
internal sealed class OutputBuffer : Stream
{
    public ArrayBufferWriter<byte> Writer { get; } = new(1 << 16);

    public ReadOnlyMemory<byte> Pending => Writer.WrittenMemory;

    public long TotalBytes { get; private set; }

    /// <summary>Forgets the pending bytes once they have been handed to the upload.</summary>
    public void Drained()
    {
        TotalBytes += Writer.WrittenCount;
        Writer.ResetWrittenCount();
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Writer.Write(buffer);
    public override void Write(byte[] buffer, int offset, int count) => Writer.Write(buffer.AsSpan(offset, count));
    public override void WriteByte(byte value) => Writer.Write([value]);
    public override void Flush() { }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => TotalBytes + Writer.WrittenCount;
    public override long Position { get => Length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
