using System.Buffers;
using System.Text.Json;
using Ember.Functions.Lambda.Events;

namespace Ember.Functions.Lambda.Runtime;

/// <summary>
/// JSON log lines on stdout, which Lambda ships to CloudWatch: one per invocation (request id,
/// kind, outcome, status, duration) and one per start-up. Never event or response bodies.
/// </summary>
internal sealed class InvocationLog(Stream output)
{
    private readonly Lock _gate = new();

    public static InvocationLog Stdout { get; } = new(Console.OpenStandardOutput());

    public void Invocation(string requestId, InvocationResult result, TimeSpan duration) => Write(w =>
    {
        w.WriteString("level", result.Error is null ? "info" : "error");
        w.WriteString("event", "invocation");
        w.WriteString("requestId", requestId);
        w.WriteString("kind", result.Kind.LogName());
        w.WriteString("outcome", result.Error is null ? "response" : "error");
        if (result.HttpStatus is int status) w.WriteNumber("status", status);
        if (result.Model is { } model) w.WriteString("model", model);
        if (result.ModelVersion is { } version) w.WriteString("version", version);
        if (result.Records is int records) w.WriteNumber("records", records);
        if (result.FailedRecords is int failed) w.WriteNumber("failedRecords", failed);
        if (result.Error is { } error)
        {
            w.WriteString("errorType", error.ErrorType);
            w.WriteString("errorMessage", error.ErrorMessage);
        }
        w.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 3));
    });

    public void Init(string outcome, TimeSpan duration, InvocationError? error = null) => Write(w =>
    {
        w.WriteString("level", error is null ? "info" : "error");
        w.WriteString("event", "init");
        w.WriteString("outcome", outcome);
        if (error is not null)
        {
            w.WriteString("errorType", error.ErrorType);
            w.WriteString("errorMessage", error.ErrorMessage);
        }
        w.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 3));
    });

    public void Message(string level, string message) => Write(w =>
    {
        w.WriteString("level", level);
        w.WriteString("message", message);
    });

    /// <summary>Lines that are already JSON (CloudWatch EMF), written whole under the same lock as the log lines.</summary>
    public void Lines(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        var text = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        lock (_gate)
        {
            output.Write(text);
            output.Flush();
        }
    }

    private void Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("time", DateTimeOffset.UtcNow);
            fields(writer);
            writer.WriteEndObject();
        }
        lock (_gate)
        {
            output.Write(buffer.WrittenSpan);
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }
}
