using System.Text.Json;

namespace Ember.Pipeline;

/// <summary>
/// Reads a JSON value as the plain value a column of a Spark type takes. Vectors: a JSON array
/// (dense) or {"size":n,"indices":[..],"values":[..]} (sparse; "type" is accepted and ignored as
/// in Spark's JSON form). Non-finite doubles may be given as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
public static class JsonValues
{
    public static object? Read(JsonElement e, SparkType type, out string? problem)
    {
        problem = null;
        if (e.ValueKind == JsonValueKind.Null)
            return null;
        switch (type.Kind)
        {
            case SparkTypeKind.String:
                if (e.ValueKind == JsonValueKind.String)
                    return e.GetString();
                break;
            case SparkTypeKind.Boolean:
                if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    return e.GetBoolean();
                break;
            case SparkTypeKind.Double or SparkTypeKind.Float or SparkTypeKind.Decimal:
                if (TryDouble(e, out double d))
                    return type.Kind == SparkTypeKind.Float ? (double)(float)d : d;
                break;
            case SparkTypeKind.Byte or SparkTypeKind.Short or SparkTypeKind.Int or SparkTypeKind.Long:
                if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long l))
                    return l;
                break;
            case SparkTypeKind.Date or SparkTypeKind.Timestamp:
                if (e.ValueKind == JsonValueKind.String && TextValues.TryTemporal(e.GetString()!, type, out long t))
                    return t;
                break;
            case SparkTypeKind.Vector:
                return ReadVector(e, out problem);
            case SparkTypeKind.Array when e.ValueKind == JsonValueKind.Array:
                return ReadArray(e, type.Element!, out problem);
        }
        problem = $"expected {type} but got {Describe(e)}";
        return null;
    }

    private static object? ReadArray(JsonElement e, SparkType element, out string? problem)
    {
        problem = null;
        if (element == SparkType.String)
        {
            var tokens = new string?[e.GetArrayLength()];
            int i = 0;
            foreach (var x in e.EnumerateArray())
            {
                if (x.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    problem = $"expected array<string> but element {i} is {Describe(x)}";
                    return null;
                }
                tokens[i++] = x.GetString();
            }
            return tokens;
        }
        var values = new double[e.GetArrayLength()];
        int k = 0;
        foreach (var x in e.EnumerateArray())
        {
            if (!TryDouble(x, out values[k]))
            {
                problem = $"expected array<{element}> but element {k} is {Describe(x)}";
                return null;
            }
            k++;
        }
        return values;
    }

    private static SparkVector? ReadVector(JsonElement e, out string? problem)
    {
        problem = null;
        if (e.ValueKind == JsonValueKind.Array)
        {
            var values = new double[e.GetArrayLength()];
            int i = 0;
            foreach (var x in e.EnumerateArray())
            {
                if (!TryDouble(x, out values[i]))
                {
                    problem = $"vector element {i} is {Describe(x)}, not a number";
                    return null;
                }
                i++;
            }
            return SparkVector.Dense(values);
        }
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty("values", out var vals) && vals.ValueKind == JsonValueKind.Array
                && (!e.TryGetProperty("indices", out var idx) || idx.ValueKind == JsonValueKind.Null)
                && (!e.TryGetProperty("size", out var sz) || sz.ValueKind == JsonValueKind.Null))
                return ReadVector(vals, out problem);
            if (!e.TryGetProperty("size", out var size) || !size.TryGetInt32(out int n) || n < 0
                || !e.TryGetProperty("indices", out var indices) || indices.ValueKind != JsonValueKind.Array
                || !e.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array
                || indices.GetArrayLength() != values.GetArrayLength())
            {
                problem = "a sparse vector needs {\"size\": n, \"indices\": [...], \"values\": [...]} with as many indices as values";
                return null;
            }
            var ia = new int[indices.GetArrayLength()];
            var va = new double[ia.Length];
            int k = 0;
            foreach (var x in indices.EnumerateArray())
            {
                if (!x.TryGetInt32(out ia[k]))
                {
                    problem = $"sparse vector index {k} is not an integer";
                    return null;
                }
                k++;
            }
            k = 0;
            foreach (var x in values.EnumerateArray())
            {
                if (!TryDouble(x, out va[k]))
                {
                    problem = $"sparse vector value {k} is not a number";
                    return null;
                }
                k++;
            }
            try
            {
                return SparkVector.Sparse(n, ia, va);
            }
            catch (ArgumentException ex)
            {
                problem = ex.Message;
                return null;
            }
        }
        problem = $"expected a vector (JSON array, or object with size/indices/values) but got {Describe(e)}";
        return null;
    }

    private static bool TryDouble(JsonElement e, out double d)
    {
        if (e.ValueKind == JsonValueKind.Number)
            return e.TryGetDouble(out d);
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { } s && s is "NaN" or "Infinity" or "-Infinity")
            return TextValues.TryDouble(s, out d);
        d = 0;
        return false;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };
}
