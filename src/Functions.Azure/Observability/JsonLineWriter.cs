using System.Buffers;
using System.Text.Json;

namespace Ember.Functions.Azure.Observability;

/// <summary>
/// Writes one JSON object per line to a stream (stdout in production, which the Functions host
/// and Lambda capture line by line). Utf8JsonWriter over a per-thread buffer: no reflection and
/// no allocation per line beyond the timestamp.
/// </summary>
internal sealed class JsonLineWriter(Stream output)
{
    private readonly Lock _gate = new();

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Writes {"ts","level","event", ...fields}; <paramref name="fields"/> must be static (no closure).</summary>
    public void Write<TState>(string level, string eventName, TState state, Action<Utf8JsonWriter, TState> fields)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);

        writer.WriteStartObject();
        writer.WriteString("ts", DateTimeOffset.UtcNow);
        writer.WriteString("level", level);
        writer.WriteString("event", eventName);
        fields(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n"u8);

        // One write per line under a lock: concurrent requests never interleave inside a line.
        lock (_gate)
        {
            try
            {
                output.Write(buffer.WrittenSpan);
                output.Flush();
            }
            catch (IOException)
            {
                // stdout closed (the host went away): logging must never fail a request.
            }
        }
    }
}
