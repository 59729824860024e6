using System.Globalization;
using System.Text.Json;
using Ember.Spark;

namespace Ember.MLeap;

/// <summary>A tensor attribute: flat values and its dimension sizes (matrices are column-major).</summary>
internal sealed record MLeapTensor(double[] Values, int[] Dimensions);

/// <summary>
/// The <c>attributes</c> of one model.json, read in either encoding MLeap has written: typed keys
/// (0.8+: <c>{"double": 1.5}</c>, <c>{"type": "list", "string": [...]}</c>, <c>{"type": "tensor",
/// "double": [...], "shape": ...}</c>) and the 0.5/0.6 legacy form (<c>{"type": ..., "value": ...}</c>).
/// Scala writers omit protobuf defaults, so a present attribute without its typed key reads as
/// 0 / false / "" / empty; NaN and infinities are written as null and read as NaN.
/// </summary>
internal sealed class MLeapAttributes
{
    private readonly JsonElement _attributes;
    private readonly string _path;
    private readonly string _owner;

    /// <param name="attributes">The attributes object of model.json.</param>
    /// <param name="path">The node directory, for errors.</param>
    /// <param name="owner">The op and node name ("math_unary 'scale'"), so an attribute error names both.</param>
    public MLeapAttributes(JsonElement attributes, string path, string owner = "")
    {
        _attributes = attributes;
        _path = path;
        _owner = owner.Length == 0 ? "" : owner + ": ";
    }

    public bool Has(string name) => TryGet(name, out _);

    public double Double(string name, double? fallback = null) =>
        Scalar(name, fallback, static e => ReadDouble(e), ["double", "float", "long", "int"], 0.0);

    public long Long(string name, long? fallback = null) =>
        Scalar(name, fallback, static e => e.GetInt64(), ["long", "int"], 0L);

    public int Int(string name, int? fallback = null)
    {
        long value = Long(name, fallback);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(name, $"{value} does not fit an int");
    }

    public bool Bool(string name, bool? fallback = null) =>
        Scalar(name, fallback, static e => e.GetBoolean(), ["boolean"], false);

    public string String(string name, string? fallback = null) =>
        Scalar(name, fallback, static e => e.GetString() ?? "", ["string"], "");

    public string[] StringList(string name) => List(name, static e => e.GetString() ?? "", "string");

    public double[] DoubleList(string name) => List(name, ReadDouble, "double", "float", "long", "int");

    public long[] LongList(string name) => List(name, static e => e.GetInt64(), "long", "int");

    public int[] IntList(string name) => Array.ConvertAll(LongList(name), v => v is >= int.MinValue and <= int.MaxValue
        ? (int)v : throw Error(name, $"{v} does not fit an int"));

    public MLeapTensor Tensor(string name)
    {
        var value = Require(name);
        if (value.TryGetProperty("value", out var legacy))
            return LegacyTensor(name, legacy);
        return ReadTensor(name, value);
    }

    public MLeapTensor[] TensorList(string name)
    {
        var value = Require(name);
        if (value.TryGetProperty("value", out var legacy))
            return Elements(name, legacy).Select(t => LegacyTensor(name, t)).ToArray();
        if (!value.TryGetProperty("tensor", out var items))
            return [];
        return Elements(name, items).Select(t => ReadTensor(name, t)).ToArray();
    }

    /// <summary>The data shapes of a <c>data_shape</c> list: (base, tensor size or −1) per entry.</summary>
    public (string Base, int Size)[] DataShapeList(string name)
    {
        var value = Require(name);
        if (!value.TryGetProperty("data_shape", out var items))
            return [];
        return Elements(name, items).Select(s =>
        {
            string kind = s.TryGetProperty("base", out var b) ? b.GetString() ?? "" : "";
            int size = s.TryGetProperty("tensorShape", out var shape) ? Dimensions(name, shape).FirstOrDefault(-1) : -1;
            return (kind, size);
        }).ToArray();
    }

    public ModelLoadException Error(string name, string problem) =>
        new(_path, $"{_owner}attribute '{name}': {problem}.");

    public ModelLoadException Missing(string name) => new(_path, $"{_owner}the model has no '{name}' attribute.");

    private T Scalar<T>(string name, T? fallback, Func<JsonElement, T> read, string[] keys, T protobufDefault) where T : struct =>
        ScalarOf(name, fallback.HasValue, fallback.GetValueOrDefault(), read, keys, protobufDefault);

    private string Scalar(string name, string? fallback, Func<JsonElement, string> read, string[] keys, string protobufDefault) =>
        ScalarOf(name, fallback is not null, fallback ?? "", read, keys, protobufDefault);

    private T ScalarOf<T>(string name, bool hasFallback, T fallback, Func<JsonElement, T> read, string[] keys, T protobufDefault)
    {
        if (!TryGet(name, out var value))
            return hasFallback ? fallback : throw Missing(name);
        try
        {
            if (value.ValueKind != JsonValueKind.Object)
                throw Error(name, $"expected an object, found {value.ValueKind}");
            if (value.TryGetProperty("value", out var legacy))
                return read(legacy);
            foreach (var key in keys)
                if (value.TryGetProperty(key, out var typed))
                    return read(typed);
            return protobufDefault;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw Error(name, $"has the wrong type ({ex.Message})");
        }
    }

    private T[] List<T>(string name, Func<JsonElement, T> read, params string[] keys)
    {
        var value = Require(name);
        try
        {
            if (value.TryGetProperty("value", out var legacy))
                return Elements(name, legacy).Select(read).ToArray();
            foreach (var key in keys)
                if (value.TryGetProperty(key, out var typed))
                    return Elements(name, typed).Select(read).ToArray();
            // An empty list is written as {"type": "list"}; a tensor attribute read as a list is its values.
            return value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "tensor"
                ? throw Error(name, "is a tensor, not a list")
                : [];
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw Error(name, $"has the wrong element type ({ex.Message})");
        }
    }

    private MLeapTensor ReadTensor(string name, JsonElement value)
    {
        double[]? values = null;
        foreach (var key in (string[])["double", "float", "long", "int", "short", "byte"])
            if (value.TryGetProperty(key, out var typed))
            {
                values = Elements(name, typed).Select(ReadDouble).ToArray();
                break;
            }
        values ??= [];
        int[] dims = value.TryGetProperty("shape", out var shape) ? Dimensions(name, shape) : [values.Length];
        return Checked(name, values, dims);
    }

    private MLeapTensor LegacyTensor(string name, JsonElement value)
    {
        var values = value.TryGetProperty("values", out var v) ? Elements(name, v).Select(ReadDouble).ToArray() : [];
        int[] dims = value.TryGetProperty("dimensions", out var d) ? Elements(name, d).Select(e => e.GetInt32()).ToArray() : [values.Length];
        return Checked(name, values, dims);
    }

    private MLeapTensor Checked(string name, double[] values, int[] dims)
    {
        long count = 1;
        foreach (int d in dims)
            count = d < 0 ? -1 : count * d;
        if (count >= 0 && count != values.Length && dims.Length > 0)
            throw Error(name, $"tensor of shape [{string.Join(",", dims)}] has {values.Length} values");
        return new MLeapTensor(values, dims);
    }

    private int[] Dimensions(string name, JsonElement shape) =>
        shape.TryGetProperty("dimensions", out var dims)
            ? Elements(name, dims).Select(d => d.TryGetProperty("size", out var s) ? s.GetInt32() : 0).ToArray()
            : [];

    private JsonElement.ArrayEnumerator Elements(string name, JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : throw Error(name, $"expected an array, found {array.ValueKind}");

    private JsonElement Require(string name)
    {
        if (!TryGet(name, out var value))
            throw Missing(name);
        return value.ValueKind == JsonValueKind.Object ? value : throw Error(name, $"expected an object, found {value.ValueKind}");
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _attributes.ValueKind == JsonValueKind.Object && _attributes.TryGetProperty(name, out value);
    }

    /// <summary>MLeap writes NaN and ±∞ as null.</summary>
    private static double ReadDouble(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new FormatException($"{e.ValueKind} is not a number"),
    };
}
