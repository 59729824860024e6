using Ember.Parquet;
using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// One input column of one Parquet row group, copied into frame columns a chunk at a time: typed
/// arrays block-copied where the types agree, converted per value where they differ (a value
/// that does not fit fails its row, naming the column).
/// </summary>
internal sealed class ColumnFeed
{
    private ParquetColumn? _flat;
    private ParquetListColumn? _list;
    private object?[]? _values;

    public static bool IsColumnar(ParquetField f) =>
        f.Kind == ParquetFieldKind.Primitive
        || f is { Kind: ParquetFieldKind.List, Element: { Kind: ParquetFieldKind.Primitive, PhysicalType: ParquetPhysicalType.Double or ParquetPhysicalType.Float } };

    /// <param name="records">The group's records, read on first call (nested columns, and lists with a null element).</param>
    public static ColumnFeed Read(ParquetFileReader reader, int group, ParquetField field, Func<List<ParquetRecord>> records)
    {
        var feed = new ColumnFeed();
        if (field.Kind == ParquetFieldKind.Primitive)
            feed._flat = reader.ReadColumn(group, field.Name);
        else if (IsColumnar(field))
            feed._list = TryReadList(reader, group, field);
        if (feed._flat is null && feed._list is null)
        {
            int index = IndexOf(reader.Schema, field);
            feed._values = records().Select(r => SparkValue(r[index])).ToArray();
        }
        return feed;
    }

    // A list with null elements cannot be read columnar; fall back to records for that group.
    private static ParquetListColumn? TryReadList(ParquetFileReader reader, int group, ParquetField field)
    {
        try
        {
            return reader.ReadListColumn(group, field.Name);
        }
        catch (ParquetException) when (field.Element!.IsNullable)
        {
            return null;
        }
    }

    public void CopyTo(Frame frame, InputColumn input, int from, int count)
    {
        var column = frame.Columns[input.Slot];
        if (_flat is { } c)
            CopyFlat(frame, input, column, c, from, count);
        else if (_list is { } l)
            CopyList(column, l, from, count, frame, input);
        else
            for (int r = 0; r < count; r++)
                Set(frame, input, column, r, _values![from + r]);
    }

    private static void CopyFlat(Frame frame, InputColumn input, Column column, ParquetColumn c, int from, int count)
    {
        switch (column)
        {
            case DoubleColumn d when c.Doubles is { } src && column.Type.Kind != SparkTypeKind.Float:
                Array.Copy(src, from, d.Values, 0, count);
                break;
            case DoubleColumn d when c.Floats is { } src:
                for (int r = 0; r < count; r++) d.Values[r] = src[from + r];
                break;
            case DoubleColumn d when c.Int32s is { } src:
                for (int r = 0; r < count; r++) d.Values[r] = src[from + r];
                break;
            case DoubleColumn d when c.Int64s is { } src:
                for (int r = 0; r < count; r++) d.Values[r] = src[from + r];
                break;
            case LongColumn l when column.Type.Kind == SparkTypeKind.Long && c.Int64s is { } src:
                Array.Copy(src, from, l.Values, 0, count);
                break;
            case LongColumn l when column.Type.IsIntegral && column.Type.Kind != SparkTypeKind.Byte && column.Type.Kind != SparkTypeKind.Short && c.Int32s is { } src:
                for (int r = 0; r < count; r++) l.Values[r] = src[from + r];
                break;
            case BooleanColumn b when c.Booleans is { } src:
                Array.Copy(src, from, b.Values, 0, count);
                break;
            case StringColumn s when c.Strings is { } src:
                Array.Copy(src, from, s.Values, 0, count);
                break;
            default:
                for (int r = 0; r < count; r++)
                    Set(frame, input, column, r, c.IsNull(from + r) ? null : Boxed(c, from + r));
                return;
        }
        if (c.Nulls is { } nulls)
            for (int r = 0; r < count; r++)
                if (nulls[from + r])
                    TextCellBinder.SetNull(column, r);
    }

    private static void CopyList(Column column, ParquetListColumn l, int from, int count, Frame frame, InputColumn input)
    {
        for (int r = 0; r < count; r++)
        {
            int row = from + r;
            if (l.IsNull(row))
            {
                column.SetNull(r);
                continue;
            }
            int lo = l.Offsets[row], n = l.Offsets[row + 1] - lo;
            switch (column)
            {
                case VectorColumn v when l.Doubles is { } d:
                    v.SetDense(r, d.AsSpan(lo, n));
                    break;
                case DoubleArrayColumn a when l.Doubles is { } d:
                    a.Set(r, d.AsSpan(lo, n).ToArray());
                    break;
                default:
                    double[] values = l.Doubles is { } dd ? dd.AsSpan(lo, n).ToArray() : Array.ConvertAll(l.Floats!.AsSpan(lo, n).ToArray(), f => (double)f);
                    Set(frame, input, column, r, values);
                    break;
            }
        }
    }

    private static void Set(Frame frame, InputColumn input, Column column, int row, object? value)
    {
        if (value is string text && column.Type != SparkType.String && column.Type != SparkType.StringArray)
            value = TextValues.Parse(text, column.Type, out string? parseProblem) ?? (parseProblem is null ? null : new ParseFailure(parseProblem));
        string? problem = value is ParseFailure failure ? failure.Problem : FrameValues.TrySet(column, row, value);
        if (problem is not null)
            frame.Fail(row, new ScoreError(ErrorCode.WrongType, input.Name, "input", problem));
    }


    private static object? Boxed(ParquetColumn c, int row) =>
        c.Doubles?[row] ?? c.Floats?[row] ?? c.Int64s?[row] ?? c.Int32s?[row] ?? c.Booleans?[row] ?? (object?)c.Strings?[row] ?? c.Objects?[row];

    /// <summary>A record value as the plain value a frame takes: Spark's vector struct → SparkVector, lists → arrays.</summary>
    internal static object? SparkValue(object? value)
    {
        switch (value)
        {
            case ParquetRecord r when r.Contains("type") && r.Contains("values"):
                return SparkVectorStruct(r);
            case IReadOnlyList<object?> list when list.Any(e => e is null) && list.Any(IsNumber) && list.All(e => e is null || IsNumber(e)):
                int hole = 0;
                while (list[hole] is not null) hole++;
                return new ParseFailure($"element {hole} of the list is null, and a vector holds no nulls");
            case IReadOnlyList<object?> list when list.All(e => e is string or null):
                return list.Select(e => (string?)e).ToArray();
            case IReadOnlyList<object?> list when list.All(e => e is double or float or int or long):
                return list.Select(e => Convert.ToDouble(e, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            default:
                return value;
        }
    }

    private static bool IsNumber(object? e) => e is double or float or int or long;

    // Spark's VectorUDT: type 0 = sparse {size, indices, values}, 1 = dense {values}.
    private static object? SparkVectorStruct(ParquetRecord r)
    {
        double[] values = (r.GetList("values") ?? []).Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (r.GetInt32("type") == 1)
            return SparkVector.Dense(values);
        int[] indices = (r.GetList("indices") ?? []).Select(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        try
        {
            return SparkVector.Sparse(r.GetInt32("size"), indices, values);
        }
        catch (ArgumentException ex)
        {
            return new ParseFailure(ex.Message); // a WrongType row error naming the column
        }
    }

    internal static int IndexOf(ParquetSchema schema, ParquetField field)
    {
        for (int i = 0; i < schema.Fields.Count; i++)
            if (ReferenceEquals(schema.Fields[i], field)) return i;
        throw new InvalidOperationException($"field {field.Name} is not top-level");
    }
}

/// <summary>A value that could not be read; its row fails with this problem.</summary>
internal sealed record ParseFailure(string Problem);
