using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>A JSON Lines training sample: one object per line, values read with <see cref="JsonValues"/>; a missing field is null.</summary>
internal static class JsonLinesSampleReader
{
    public static IEnumerable<SampleRow> Read(string path, IReadOnlyList<SampleColumn> columns)
    {
        string file = Path.GetFileName(path);
        long line = 0;
        bool anyFieldSeen = false;
        var seen = new bool[columns.Count];
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            var values = new object?[columns.Count];
            string? problem = null;
            try
            {
                using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problem = $"{file} line {line}: expected a JSON object";
                }
                else
                {
                    for (int c = 0; c < columns.Count && problem is null; c++)
                    {
                        if (!TryGet(doc.RootElement, columns[c].Name, out var e))
                            continue;
                        seen[c] = anyFieldSeen = true;
                        values[c] = JsonValues.Read(e, columns[c].Type, out string? p);
                        if (p is not null)
                            problem = $"{file} line {line}, field '{columns[c].Name}': {p}";
                    }
                }
            }
            catch (JsonException ex)
            {
                problem = $"{file} line {line}: not valid JSON ({ex.Message})";
            }
            yield return new SampleRow(values, problem);
        }
        if (anyFieldSeen)
        {
            // A column never present in any line is a mismatch, not a column of nulls.
            for (int c = 0; c < columns.Count; c++)
                if (!seen[c])
                    throw new FormatException($"'{file}' has no field '{columns[c].Name}' on any line, and the model reads it");
        }
    }

    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value))
            return true;
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        return false;
    }
}
