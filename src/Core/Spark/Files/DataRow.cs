using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>
/// One row of a stage's saved data (Parquet), decoded into plain values: struct → DataRow,
/// array → IReadOnlyList&lt;object?&gt;, map → IReadOnlyList&lt;KeyValuePair&lt;object?, object?&gt;&gt;,
/// primitives as bool/int/long/float/double/string/byte[]. Typed getters decode Spark's vector and
/// matrix structs and raise a <see cref="ModelLoadException"/> naming the field when the shape is off.
/// </summary>
public sealed class DataRow
{
    private readonly string[] _names;
    private readonly object?[] _values;

    public DataRow(string[] names, object?[] values, string source)
    {
        _names = names;
        _values = values;
        Source = source;
    }

    /// <summary>Where the row came from (stage path and file), for errors.</summary>
    public string Source { get; }

    public IReadOnlyList<string> Names => _names;

    public bool Has(string name) => IndexOf(name) >= 0;

    public object? this[string name]
    {
        get
        {
            int i = IndexOf(name);
            return i >= 0 ? _values[i] : throw Error(name, $"no field '{name}' (fields: {string.Join(", ", _names)})");
        }
    }

    public bool IsNull(string name) => this[name] is null;

    public int GetInt(string name) => this[name] switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        short s => s,
        sbyte b => b,
        byte b => b,
        var v => throw Wrong(name, "an int", v),
    };

    public long GetLong(string name) => this[name] switch
    {
        long l => l,
        int i => i,
        var v => throw Wrong(name, "a long", v),
    };

    public double GetDouble(string name) => this[name] switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        var v => throw Wrong(name, "a double", v),
    };

    public bool GetBool(string name) => this[name] is bool b ? b : throw Wrong(name, "a boolean", this[name]);

    public string GetString(string name) => this[name] is string s ? s : throw Wrong(name, "a string", this[name]);

    public DataRow GetRow(string name) => this[name] is DataRow r ? r : throw Wrong(name, "a struct", this[name]);

    public IReadOnlyList<object?> GetList(string name) => this[name] is IReadOnlyList<object?> l ? l : throw Wrong(name, "an array", this[name]);

    public double[] GetDoubleArray(string name) => ToArray(name, GetList(name), v => v switch
    {
        double d => d,
        float f => f,
        _ => throw Wrong(name, "an array of doubles", v),
    });

    public float[] GetFloatArray(string name) => ToArray(name, GetList(name), v => v is float f ? f : throw Wrong(name, "an array of floats", v));

    public int[] GetIntArray(string name) => ToArray(name, GetList(name), v => v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => throw Wrong(name, "an array of ints", v),
    });

    public long[] GetLongArray(string name) => ToArray(name, GetList(name), v => v switch
    {
        long l => l,
        int i => i,
        _ => throw Wrong(name, "an array of longs", v),
    });

    public string[] GetStringArray(string name) => ToArray(name, GetList(name), v => v is string s ? s : throw Wrong(name, "an array of strings", v));

    /// <summary>Decodes Spark's VectorUDT struct {type, size, indices, values}.</summary>
    public SparkVector GetVector(string name)
    {
        var v = GetRow(name);
        try
        {
            int type = v.GetInt("type");
            var values = v.GetDoubleArray("values");
            if (type == 1)
                return SparkVector.Dense(values);
            if (type != 0)
                throw Error(name, $"vector type {type} is neither 0 (sparse) nor 1 (dense)");
            return SparkVector.Sparse(v.GetInt("size"), v.GetIntArray("indices"), values);
        }
        catch (ArgumentException ex)
        {
            throw Error(name, ex.Message);
        }
    }

    /// <summary>Decodes Spark's MatrixUDT struct {type, numRows, numCols, colPtrs, rowIndices, values, isTransposed}.</summary>
    public SparkMatrix GetMatrix(string name)
    {
        var m = GetRow(name);
        try
        {
            int type = m.GetInt("type");
            int rows = m.GetInt("numRows"), cols = m.GetInt("numCols");
            var values = m.GetDoubleArray("values");
            bool transposed = m.GetBool("isTransposed");
            return type switch
            {
                1 => new SparkMatrix(rows, cols, values, transposed),
                0 => new SparkMatrix(rows, cols, values, transposed, m.GetIntArray("colPtrs"), m.GetIntArray("rowIndices")),
                _ => throw Error(name, $"matrix type {type} is neither 0 (sparse) nor 1 (dense)"),
            };
        }
        catch (ArgumentException ex)
        {
            throw Error(name, ex.Message);
        }
    }

    public ModelLoadException Error(string field, string problem) => new(Source, $"data field '{field}': {problem}.");

    private ModelLoadException Wrong(string name, string expected, object? value) =>
        Error(name, $"expected {expected}, found {(value is null ? "null" : value.GetType().Name)}");

    private static T[] ToArray<T>(string name, IReadOnlyList<object?> list, Func<object?, T> convert)
    {
        var result = new T[list.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = convert(list[i]);
        return result;
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _names.Length; i++)
            if (_names[i] == name)
                return i;
        return -1;
    }
}
