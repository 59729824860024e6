using System.Text.Json;

namespace Ember.Pipeline;

/// <summary>One field of a Spark StructType.</summary>
public sealed record SparkField(string Name, SparkType Type, bool Nullable);

/// <summary>
/// A Spark StructType as <c>df.schema.json()</c> prints it:
/// {"type":"struct","fields":[{"name":..,"type":"double"|{...},"nullable":..,"metadata":{}}]}.
/// Vectors appear as {"type":"udt","class":"org.apache.spark.ml.linalg.VectorUDT",...};
/// arrays as {"type":"array","elementType":..,"containsNull":..}.
/// </summary>
public static class SparkSchema
{
    /// <summary>Parses the JSON; throws <see cref="FormatException"/> naming the field that cannot be read.</summary>
    public static IReadOnlyList<SparkField> Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"schema is not valid JSON: {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
                throw new FormatException("schema must be a Spark StructType JSON object with a \"fields\" array (as df.schema.json() prints).");
            var result = new List<SparkField>();
            foreach (var f in fields.EnumerateArray())
            {
                string name = f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                    ? n.GetString()!
                    : throw new FormatException($"schema field #{result.Count} has no name.");
                var type = f.TryGetProperty("type", out var t) ? TypeOf(t) : null;
                if (type is null)
                    throw new FormatException($"schema field '{name}' has a type Ember cannot read: {(f.TryGetProperty("type", out var raw) ? raw.GetRawText() : "none")}.");
                bool nullable = !f.TryGetProperty("nullable", out var nl) || nl.ValueKind != JsonValueKind.False;
                result.Add(new SparkField(name, type, nullable));
            }
            return result;
        }
    }

    /// <summary>Name → type map, for <see cref="PipelineBuilder"/>'s declared input types.</summary>
    public static IReadOnlyDictionary<string, SparkType> ToTypeMap(IEnumerable<SparkField> fields)
    {
        var map = new Dictionary<string, SparkType>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in fields)
            map[f.Name] = f.Type;
        return map;
    }

    private static SparkType? TypeOf(JsonElement t)
    {
        if (t.ValueKind == JsonValueKind.String)
            return SparkType.Parse(t.GetString()!);
        if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("type", out var kind))
            return null;
        switch (kind.GetString())
        {
            case "array":
                return t.TryGetProperty("elementType", out var e) && TypeOf(e) is { } element ? SparkType.ArrayOf(element) : null;
            case "udt":
                string cls = t.TryGetProperty("class", out var c) ? c.GetString() ?? "" : "";
                return cls.EndsWith(".VectorUDT", StringComparison.Ordinal) ? SparkType.Vector : null;
            default:
                return null;
        }
    }
}
