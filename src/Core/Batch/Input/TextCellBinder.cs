using System.Globalization;
using System.Text;
using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// Stores one UTF-8 text cell into a frame column, parsed by the column's Spark type with the
/// invariant culture. Numbers and booleans parse straight from the bytes (no string per cell);
/// vectors and arrays take JSON text. Returns the problem when the cell does not fit.
/// </summary>
internal static class TextCellBinder
{
    public static string? Bind(Column column, int row, ReadOnlySpan<byte> cell)
    {
        switch (column)
        {
            case DoubleColumn d:
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                    || TextValues.TryDouble(Encoding.UTF8.GetString(cell).Trim(), out value))
                {
                    d.Set(row, column.Type.Kind == SparkTypeKind.Float ? (float)value : value);
                    return null;
                }
                return Expected(column.Type, cell);
            case LongColumn l when column.Type.IsIntegral:
                if (!long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
                    return Expected(column.Type, cell);
                string? range = FrameValues.TrySet(column, row, n);
                return range;
            case BooleanColumn b:
                ReadOnlySpan<byte> t = cell.Trim((byte)' ');
                if (t.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(t, "true"u8)) { b.Set(row, true); return null; }
                if (t.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(t, "false"u8)) { b.Set(row, false); return null; }
                return Expected(column.Type, cell);
            case StringColumn s:
                s.Set(row, Encoding.UTF8.GetString(cell));
                return null;
            default:
                object? parsed = TextValues.Parse(Encoding.UTF8.GetString(cell), column.Type, out string? problem);
                return problem ?? FrameValues.TrySet(column, row, parsed);
        }
    }

    /// <summary>Stores a passthrough cell in its typed array; false when it does not parse (written as null).</summary>
    public static bool TryStore(Array values, int row, ReadOnlySpan<byte> cell, bool isNull)
    {
        switch (values)
        {
            case string?[] s:
                s[row] = isNull ? null : Encoding.UTF8.GetString(cell);
                return true;
            case double[] d:
                return !isNull && (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out d[row])
                    || TextValues.TryDouble(Encoding.UTF8.GetString(cell).Trim(), out d[row]));
            case long[] l:
                return !isNull && long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out l[row]);
            case bool[] b:
                var t = cell.Trim((byte)' ');
                b[row] = t.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(t, "true"u8);
                return !isNull && (b[row] || t.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(t, "false"u8));
            default:
                return false;
        }
    }

    /// <summary>True when the cell is null: empty, or equal to the null token.</summary>
    public static bool IsNull(ReadOnlySpan<byte> cell, byte[]? nullToken) =>
        cell.Length == 0 || (nullToken is not null && cell.SequenceEqual(nullToken));

    public static void SetNull(Column column, int row)
    {
        column.SetNull(row);
        if (column is StringColumn s) s.Values[row] = null;
    }

    /// <summary>The cell as text for an error message, cut to a readable length.</summary>
    public static string Preview(ReadOnlySpan<byte> cell) =>
        Encoding.UTF8.GetString(cell.Length > 60 ? cell[..60] : cell) + (cell.Length > 60 ? "..." : "");

    private static string Expected(SparkType type, ReadOnlySpan<byte> cell) => $"expected {type} but got \"{Preview(cell)}\"";
}
