using System.Globalization;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>
/// Typed access to a stage's params with Spark's resolution order: the value set explicitly
/// (paramMap), else the default saved with the model (defaultParamMap, files from 2.4 on), else
/// the built-in default the caller passes for that Spark version. Doubles accept Spark's JSON
/// encoding of non-finite values ("NaN", "Inf", "-Inf").
/// </summary>
public sealed class StageParams
{
    private readonly StageMetadata _metadata;

    public StageParams(StageMetadata metadata) => _metadata = metadata;

    /// <summary>True when the param has a value (set, or a saved default).</summary>
    public bool IsDefined(string name) => Find(name) is not null;

    /// <summary>True when the param was set explicitly (paramMap).</summary>
    public bool IsSet(string name) =>
        _metadata.ParamMap.ValueKind == JsonValueKind.Object && _metadata.ParamMap.TryGetProperty(name, out _);

    /// <summary>The raw JSON value, or null when undefined.</summary>
    public JsonElement? Find(string name)
    {
        if (_metadata.ParamMap.ValueKind == JsonValueKind.Object && _metadata.ParamMap.TryGetProperty(name, out var set))
            return set;
        // Spark reads defaultParamMap only from files written by 2.4 and later.
        if (_metadata.Version.AtLeast(2, 4) && _metadata.DefaultParamMap.ValueKind == JsonValueKind.Object
            && _metadata.DefaultParamMap.TryGetProperty(name, out var saved))
            return saved;
        return null;
    }

    public string String(string name, string builtInDefault) => StringOrNull(name) ?? builtInDefault;

    public string RequiredString(string name) => StringOrNull(name) ?? throw Missing(name);

    public string? StringOrNull(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        var v => throw Wrong(name, "a string", v.Value),
    };

    public double Double(string name, double builtInDefault) => Find(name) is { } v ? ToDouble(name, v) : builtInDefault;

    public double RequiredDouble(string name) => Find(name) is { } v ? ToDouble(name, v) : throw Missing(name);

    public int Int(string name, int builtInDefault) => Find(name) is { } v ? ToInt(name, v) : builtInDefault;

    public int RequiredInt(string name) => Find(name) is { } v ? ToInt(name, v) : throw Missing(name);

    public long Long(string name, long builtInDefault) => Find(name) switch
    {
        null => builtInDefault,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out long l) => l,
        var v => throw Wrong(name, "an integer", v.Value),
    };

    public bool Bool(string name, bool builtInDefault) => Find(name) switch
    {
        null => builtInDefault,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var v => throw Wrong(name, "a boolean", v.Value),
    };

    public string[]? StringArray(string name) => Find(name) is { } v ? ArrayOf(name, v, e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong(name, "an array of strings", v)) : null;

    public double[]? DoubleArray(string name) => Find(name) is { } v ? ArrayOf(name, v, e => ToDouble(name, e)) : null;

    public int[]? IntArray(string name) => Find(name) is { } v ? ArrayOf(name, v, e => ToInt(name, e)) : null;

    public double[][]? DoubleArrayArray(string name) => Find(name) is { } v ? ArrayOf(name, v, e => ArrayOf(name, e, x => ToDouble(name, x))) : null;

    /// <summary>A vector-valued param (JSON object {"type":1,"values":[..]} or sparse form).</summary>
    public SparkVector? Vector(string name)
    {
        if (Find(name) is not { } v)
            return null;
        if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("type", out var t))
            throw Wrong(name, "a vector", v);
        var values = v.TryGetProperty("values", out var vals) ? ArrayOf(name, vals, e => ToDouble(name, e)) : [];
        if (t.GetInt32() == 1)
            return SparkVector.Dense(values);
        int size = v.GetProperty("size").GetInt32();
        var indices = ArrayOf(name, v.GetProperty("indices"), e => ToInt(name, e));
        return SparkVector.Sparse(size, indices, values);
    }

    /// <summary>Spark's default output column name for a stage: "&lt;uid&gt;__output".</summary>
    public string OutputCol(string name = "outputCol") => String(name, _metadata.Uid + "__output");

    public ModelLoadException Missing(string name) =>
        new(_metadata.Path, $"param '{name}' of {_metadata.Class} has no value in the metadata.");

    private ModelLoadException Wrong(string name, string expected, JsonElement value) =>
        new(_metadata.Path, $"param '{name}' should be {expected} but is {Truncate(value.GetRawText())}.");

    private double ToDouble(string name, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Inf" or "Infinity" => double.PositiveInfinity,
            "-Inf" or "-Infinity" => double.NegativeInfinity,
            var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => throw Wrong(name, "a number", v),
        },
        _ => throw Wrong(name, "a number", v),
    };

    private int ToInt(string name, JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw Wrong(name, "an integer", v);

    private T[] ArrayOf<T>(string name, JsonElement v, Func<JsonElement, T> element)
    {
        if (v.ValueKind != JsonValueKind.Array)
            throw Wrong(name, "an array", v);
        var result = new T[v.GetArrayLength()];
        int i = 0;
        foreach (var e in v.EnumerateArray())
            result[i++] = element(e);
        return result;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
