using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// Moves plain .NET values in and out of frame columns (for inputs parsed from JSON/CSV/Parquet
/// and for rendering outputs). Accepted inputs: null, bool, integral and floating numbers,
/// string, string?[] (tokens), double[]/float[] (arrays), <see cref="SparkVector"/>.
/// </summary>
public static class FrameValues
{
    /// <summary>Stores <paramref name="value"/>; returns a problem description when it does not fit the column's type.</summary>
    public static string? TrySet(Column column, int row, object? value)
    {
        if (value is null)
        {
            column.SetNull(row);
            if (column is StringColumn s) s.Values[row] = null;
            return null;
        }
        switch (column)
        {
            case DoubleColumn d:
                if (!TryDouble(value, out double dv))
                    return Expected(column.Type, value);
                d.Set(row, column.Type == SparkType.Float ? (float)dv : dv);
                return null;
            case LongColumn l:
                if (!TryLong(value, out long lv))
                    return Expected(column.Type, value);
                if (!InRange(column.Type, lv))
                    return $"{lv} is outside the range of {column.Type}";
                l.Set(row, lv);
                return null;
            case BooleanColumn b:
                if (value is not bool bv)
                    return Expected(column.Type, value);
                b.Set(row, bv);
                return null;
            case StringColumn s:
                if (value is not string sv)
                    return Expected(column.Type, value);
                s.Set(row, sv);
                return null;
            case StringArrayColumn sa:
                if (value is not string?[] tokens)
                    return Expected(column.Type, value);
                sa.Set(row, tokens);
                return null;
            case DoubleArrayColumn da:
                switch (value)
                {
                    case double[] doubles: da.Set(row, doubles); return null;
                    case float[] floats: da.Set(row, Array.ConvertAll(floats, f => (double)f)); return null;
                    default: return Expected(column.Type, value);
                }
            case VectorArrayColumn va:
                if (value is not SparkVector[] vectors)
                    return Expected(column.Type, value);
                va.Set(row, vectors);
                return null;
            case VectorColumn v:
                switch (value)
                {
                    case SparkVector sv2: v.Set(row, sv2.View); return null;
                    case double[] dense: v.SetDense(row, dense); return null;
                    default: return Expected(column.Type, value);
                }
            default:
                return $"columns of type {column.Type} cannot take values";
        }
    }

    /// <summary>
    /// The value of a row as a plain object: null, bool, long (integral types), double, string,
    /// string?[], double[] (arrays), <see cref="SparkVector"/> (a copy), or SparkVector[] (array&lt;vector&gt;).
    /// </summary>
    public static object? Get(Column column, int row)
    {
        if (column.IsNull(row))
            return null;
        return column switch
        {
            DoubleColumn d => d.Values[row],
            LongColumn l => l.Values[row],
            BooleanColumn b => b.Values[row],
            StringColumn s => s.Values[row],
            StringArrayColumn sa => sa.Values[row],
            DoubleArrayColumn da => da.Values[row],
            VectorArrayColumn va => va.Values[row],
            VectorColumn v => ToVector(v.Get(row)),
            _ => null,
        };
    }

    public static SparkVector ToVector(in VectorView view) => view.IsDense
        ? SparkVector.Dense(view.Values.ToArray())
        : SparkVector.Sparse(view.Size, view.Indices.ToArray(), view.Values.ToArray());

    private static bool TryDouble(object value, out double d)
    {
        switch (value)
        {
            case double x: d = x; return true;
            case float x: d = x; return true;
            case int x: d = x; return true;
            case long x: d = x; return true;
            case short x: d = x; return true;
            case byte x: d = x; return true;
            case sbyte x: d = x; return true;
            case decimal x: d = (double)x; return true;
            default: d = 0; return false;
        }
    }

    private static bool TryLong(object value, out long l)
    {
        switch (value)
        {
            case long x: l = x; return true;
            case int x: l = x; return true;
            case short x: l = x; return true;
            case byte x: l = x; return true;
            case sbyte x: l = x; return true;
            case double x when x == Math.Floor(x) && x >= long.MinValue && x < 9.2233720368547758E18: l = (long)x; return true;
            default: l = 0; return false;
        }
    }

    private static bool InRange(SparkType type, long v) => type.Kind switch
    {
        SparkTypeKind.Byte => v is >= sbyte.MinValue and <= sbyte.MaxValue,
        SparkTypeKind.Short => v is >= short.MinValue and <= short.MaxValue,
        SparkTypeKind.Int => v is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };

    private static string Expected(SparkType type, object value) =>
        $"expected {type} but got {Describe(value)}";

    private static string Describe(object value) => value switch
    {
        string s => $"the string \"{(s.Length > 40 ? s[..40] + "..." : s)}\"",
        bool b => b ? "true" : "false",
        double or float or int or long => "the number " + Convert.ToString(value, CultureInfo.InvariantCulture),
        Array => "an array",
        _ => value.GetType().Name,
    };
}
