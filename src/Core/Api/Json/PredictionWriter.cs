using System.Text.Json;
using Ember.Pipeline;
using Ember.Serving;

namespace Ember.Api;

/// <summary>
/// Writes a predict answer:
/// {"model": "iris", "version": "3", "outputs": ["prediction", ...],
///  "predictions": [{"prediction": 0.0, ...}, null, ...],
///  "skipped": [{"row": 1, "column": "...", "stage": "...", "problem": "...", "value": "..."}]}
/// predictions[i] answers rows[i]; a row handleInvalid = "skip" dropped is null there, and its
/// reason is in skipped (present only when a row was skipped).
/// </summary>
internal static class PredictionWriter
{
    public static byte[] Write(ServedModel model, InputBinding binding, Frame frame)
    {
        var writer = JsonResponses.RentWriter(out var buffer);
        writer.WriteStartObject();
        writer.WriteString("model"u8, model.Name);
        writer.WriteString("version"u8, model.Version);
        writer.WriteStartArray("outputs"u8);
        foreach (var name in binding.OutputNames)
            writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WriteStartArray("predictions"u8);
        bool anySkipped = false;
        for (int row = 0; row < frame.RowCount; row++)
        {
            if (!frame.IsOk(row))
            {
                anySkipped = true;
                writer.WriteNullValue();
                continue;
            }
            writer.WriteStartObject();
            for (int o = 0; o < binding.Outputs.Length; o++)
            {
                writer.WritePropertyName(binding.OutputNames[o]);
                OutputValues.Write(writer, frame.Columns[binding.Outputs[o].Slot], row);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (anySkipped)
            WriteSkipped(writer, frame);
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSkipped(Utf8JsonWriter writer, Frame frame)
    {
        writer.WriteStartArray("skipped"u8);
        for (int row = 0; row < frame.RowCount; row++)
        {
            if (frame.States[row] != RowState.Skipped)
                continue;
            var reason = frame.Errors[row];
            writer.WriteStartObject();
            writer.WriteNumber("row"u8, row);
            if (reason is not null)
            {
                writer.WriteString("column"u8, reason.Column);
                writer.WriteString("stage"u8, reason.Stage);
                writer.WriteString("problem"u8, reason.Message);
                if (reason.Value is not null)
                    writer.WriteString("value"u8, ApiProblems.Excerpt(reason.Value));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
