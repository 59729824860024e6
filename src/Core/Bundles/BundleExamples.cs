using System.Buffers;
using System.Text.Json;
using Ember.Api;
using Ember.Pipeline;
using Ember.Serving;

namespace Ember.Bundles;

/// <summary>
/// Scores golden examples (one JSON input row each) and compares what the model gives with what
/// was recorded, in the API's own rendering (<see cref="OutputValues"/>). Numbers compare as the
/// doubles their JSON text round-trips to, so <c>1</c> and <c>1.0</c> agree but the last bit of a
/// probability does not.
/// </summary>
public static class BundleExamples
{
    /// <summary>
    /// Scores one input row and returns its <paramref name="outputs"/> as a JSON object, or null with
    /// <paramref name="error"/> saying why the row was refused or the input is unusable.
    /// </summary>
    public static JsonElement? Score(CompiledPipeline pipeline, JsonElement input, IReadOnlyList<string> outputs, out string? error)
    {
        error = null;
        if (input.ValueKind != JsonValueKind.Object)
        {
            error = $"the input must be a JSON object of column values, not {input.ValueKind.ToString().ToLowerInvariant()}";
            return null;
        }
        ScoringPlan? plan = pipeline.PlanFor(outputs, out error);
        if (plan is null)
            return null;
        Frame frame = pipeline.RentFrame(1);
        try
        {
            foreach (InputColumn column in plan.RequiredInputs)
            {
                if (!TryGetProperty(input, column.Name, out JsonElement value))
                {
                    error = $"the input has no column '{column.Name}' ({column.Type})";
                    return null;
                }
                object? parsed = JsonValues.Read(value, column.Type, out string? problem);
                problem ??= FrameValues.TrySet(frame.Columns[column.Slot], 0, parsed);
                if (problem is not null)
                {
                    error = $"input column '{column.Name}': {problem}";
                    return null;
                }
            }
            plan.Execute(frame);
            if (!frame.IsOk(0))
            {
                error = $"the row was {(frame.States[0] == RowState.Skipped ? "skipped" : "refused")}: {frame.Errors[0]}";
                return null;
            }
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (ColumnInfo output in plan.Outputs)
                {
                    writer.WritePropertyName(output.Name);
                    OutputValues.Write(writer, frame.Columns[output.Slot], 0);
                }
                writer.WriteEndObject();
            }
            using var doc = JsonDocument.Parse(buffer.WrittenMemory);
            return doc.RootElement.Clone();
        }
        finally
        {
            pipeline.ReturnFrame(frame);
        }
    }

    /// <summary>
    /// Refuses (with a <see cref="BundleException"/> naming the example and the column) unless every
    /// example reproduces: each expected column has the recorded value; an expected output of
    /// <c>null</c> means the row must be refused or skipped.
    /// </summary>
    public static void Verify(string bundle, CompiledPipeline pipeline, IReadOnlyList<BundleExample> examples)
    {
        for (int i = 0; i < examples.Count; i++)
        {
            string mismatch = Check(pipeline, examples[i]);
            if (mismatch.Length > 0)
                throw new BundleException(BundleErrorCode.ExampleMismatch, bundle,
                    $"example {i + 1} of {examples.Count} does not reproduce: {mismatch}. The bundle is refused; re-pack it from the model that produced these outputs.");
        }
    }

    /// <summary>"" when the example reproduces, else what differs.</summary>
    public static string Check(CompiledPipeline pipeline, BundleExample example)
    {
        bool expectRefusal = example.Output.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        if (!expectRefusal && example.Output.ValueKind != JsonValueKind.Object)
            return "its \"output\" must be an object of column values (or null for a row the model refuses)";
        var columns = new List<string>();
        if (!expectRefusal)
            foreach (JsonProperty p in example.Output.EnumerateObject())
                columns.Add(p.Name);
        JsonElement? actual = Score(pipeline, example.Input, expectRefusal ? DefaultOutputNames(pipeline) : columns, out string? error);
        if (expectRefusal)
            return actual is null ? "" : $"the row was expected to be refused but the model gives {actual.Value.GetRawText()}";
        if (actual is null)
            return error!;
        foreach (JsonProperty expected in example.Output.EnumerateObject())
        {
            TryGetProperty(actual.Value, expected.Name, out JsonElement got);
            if (!JsonEqual(expected.Value, got))
                return $"column '{expected.Name}' should be {Shorten(expected.Value.GetRawText())} but the model gives {Shorten(got.GetRawText())}";
        }
        return "";
    }

    public static IReadOnlyList<string> DefaultOutputNames(CompiledPipeline pipeline) =>
        pipeline.DefaultOutputs.Select(c => c.Name).ToArray();

    /// <summary>Structural equality; numbers equal when their texts are equal or they parse to the same double.</summary>
    public static bool JsonEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
            return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return a.GetRawText() == b.GetRawText()
                    || (a.TryGetDouble(out double x) && b.TryGetDouble(out double y) && x.Equals(y));
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                    return false;
                using (var ea = a.EnumerateArray().GetEnumerator())
                using (var eb = b.EnumerateArray().GetEnumerator())
                    while (ea.MoveNext() && eb.MoveNext())
                        if (!JsonEqual(ea.Current, eb.Current))
                            return false;
                return true;
            case JsonValueKind.Object:
                int count = 0;
                foreach (JsonProperty p in a.EnumerateObject())
                {
                    count++;
                    if (!b.TryGetProperty(p.Name, out JsonElement other) || !JsonEqual(p.Value, other))
                        return false;
                }
                return count == b.EnumerateObject().Count();
            default:
                return true; // true, false, null
        }
    }

    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value))
            return true;
        // Spark resolves column names case-insensitively; so do requests.
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        return false;
    }

    private static string Shorten(string json) => json.Length > 200 ? json[..200] + "..." : json;
}
