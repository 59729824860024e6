using System.Text;
using System.Text.Json;

namespace Ember.Functions.Azure.Tests.Support;

/// <summary>A write-only stream standing in for stdout; gives back the JSON lines written so far.</summary>
internal sealed class LogCapture : Stream
{
    private readonly MemoryStream _bytes = new();
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
                return Encoding.UTF8.GetString(_bytes.ToArray());
        }
    }

    public IReadOnlyList<JsonElement> Lines() =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();

    public IReadOnlyList<JsonElement> Events(string name) =>
        Lines().Where(line => line.GetProperty("event").GetString() == name).ToList();

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (_gate)
            _bytes.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
            _bytes.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
