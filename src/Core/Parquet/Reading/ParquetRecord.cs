using System.Diagnostics.CodeAnalysis;

namespace Ember.Parquet;

/// <summary>
/// A struct value (or a whole row): ordered field names and values. Values are null, a
/// primitive (bool, int, long, float, double, string, byte[], decimal, DateOnly, DateTime,
/// TimeSpan, Guid, Half, sbyte, short, byte, ushort, uint, ulong), a nested
/// <see cref="ParquetRecord"/>, a list (<see cref="IReadOnlyList{T}"/> of object?) or a map
/// (<see cref="IReadOnlyList{T}"/> of KeyValuePair&lt;object?, object?&gt;).
/// </summary>
public sealed class ParquetRecord
{
    private readonly string[] _names;
    private readonly object?[] _values;

    public ParquetRecord(string[] names, object?[] values)
    {
        if (names.Length != values.Length)
            throw new ArgumentException("a record needs one value per field name");
        _names = names;
        _values = values;
    }

    public int Count => _values.Length;

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<object?> Values => _values;

    public object? this[int index] => _values[index];

    /// <summary>The value of a field; throws <see cref="KeyNotFoundException"/> naming the field when absent.</summary>
    public object? this[string name] => TryGet(name, out var v)
        ? v
        : throw new KeyNotFoundException($"the record has no field '{name}' (fields: {string.Join(", ", _names)})");

    public bool TryGet(string name, out object? value)
    {
        int i = Array.IndexOf(_names, name);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    public bool Contains(string name) => Array.IndexOf(_names, name) >= 0;

    // Typed accessors for loaders: they widen integers and say what was found when the type is wrong.

    public int GetInt32(string name) => this[name] switch
    {
        int i => i,
        sbyte or short or byte or ushort or long or uint or ulong => checked((int)Convert.ToInt64(this[name], System.Globalization.CultureInfo.InvariantCulture)),
        var other => throw WrongType(name, "an integer", other),
    };

    public long GetInt64(string name) => this[name] switch
    {
        long l => l,
        int or sbyte or short or byte or ushort or uint => Convert.ToInt64(this[name], System.Globalization.CultureInfo.InvariantCulture),
        var other => throw WrongType(name, "an integer", other),
    };

    public double GetDouble(string name) => this[name] switch
    {
        double d => d,
        float f => f,
        int or long or sbyte or short => Convert.ToDouble(this[name], System.Globalization.CultureInfo.InvariantCulture),
        var other => throw WrongType(name, "a number", other),
    };

    public bool GetBoolean(string name) => this[name] is bool b ? b : throw WrongType(name, "a boolean", this[name]);

    public string? GetString(string name) => this[name] switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(name, "a string", other),
    };

    public ParquetRecord? GetRecord(string name) => this[name] switch
    {
        null => null,
        ParquetRecord r => r,
        var other => throw WrongType(name, "a struct", other),
    };

    public IReadOnlyList<object?>? GetList(string name) => this[name] switch
    {
        null => null,
        IReadOnlyList<object?> l => l,
        var other => throw WrongType(name, "a list", other),
    };

    public IReadOnlyList<KeyValuePair<object?, object?>>? GetMap(string name) => this[name] switch
    {
        null => null,
        IReadOnlyList<KeyValuePair<object?, object?>> m => m,
        var other => throw WrongType(name, "a map", other),
    };

    [return: NotNull]
    private static InvalidCastException WrongType(string name, string expected, object? found)
        => new($"field '{name}' holds {(found is null ? "null" : found.GetType().Name)}, not {expected}");

    public override string ToString() => ParquetJson.Format(this);
}
