using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ember.Api;

/// <summary>
/// Serialises source-generated contracts into responses through one reusable buffer per thread:
/// the only allocation per response is its exact-size body.
/// </summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    // Answers are JSON documents, never embedded in HTML: keep ' and non-ASCII readable.
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static ApiResponse Create<T>(int status, T value, JsonTypeInfo<T> typeInfo,
        IReadOnlyDictionary<string, string>? headers = null, string contentType = ContentType)
    {
        var writer = RentWriter(out var buffer);
        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
        return new ApiResponse(status, contentType, buffer.WrittenSpan.ToArray(), headers ?? ApiRequest.EmptyMap);
    }

    /// <summary>A reset writer over this thread's buffer; copy the result out before the next call on the thread.</summary>
    public static Utf8JsonWriter RentWriter(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        // A huge batch answer must not pin megabytes to the thread forever.
        if (buffer.Capacity > 1 << 20)
            buffer = t_buffer = new ArrayBufferWriter<byte>(4096);
        else
            buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.Reset(buffer);
        return writer;
    }
}
