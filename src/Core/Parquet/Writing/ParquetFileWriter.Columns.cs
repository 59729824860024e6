using System.Text;
using Ember.Parquet.Writing;

namespace Ember.Parquet;

public sealed partial class ParquetFileWriter
{
    /// <summary>
    /// Writes rows given as whole columns, one per top-level field (flat primitives and
    /// list&lt;double&gt;): values are copied span-wise into the row group buffers, with no
    /// per-value allocation for numbers. Row groups are cut every RowGroupSize rows.
    /// </summary>
    public void WriteColumns(params ParquetWriteColumn[] columns)
    {
        EnsureOpen();
        if (columns.Length != Schema.Fields.Count)
            throw new ArgumentException($"{columns.Length} columns given but the schema has {Schema.Fields.Count} fields");
        int rows = columns.Length == 0 ? 0 : columns[0].RowCount;
        var ordered = new ParquetWriteColumn[columns.Length];
        foreach (var c in columns)
        {
            int index = IndexOfField(c.Name);
            if (ordered[index] is not null)
                throw new ArgumentException($"column '{c.Name}' is given twice");
            if (c.RowCount != rows)
                throw new ArgumentException($"column '{c.Name}' has {c.RowCount} rows, column '{columns[0].Name}' {rows}");
            if (c.Nulls is { } n && n.Length != rows)
                throw new ArgumentException($"column '{c.Name}' has a null mask of {n.Length} rows for {rows} rows");
            ordered[index] = c;
        }
        int done = 0;
        while (done < rows)
        {
            int take = Math.Min(rows - done, _options.RowGroupSize - _bufferedRows);
            for (int i = 0; i < ordered.Length; i++)
                AppendColumn(Schema.Fields[i], ordered[i], done, take);
            _bufferedRows += take;
            done += take;
            if (_bufferedRows >= _options.RowGroupSize)
                FlushRowGroup();
        }
    }

    private int IndexOfField(string name)
    {
        for (int i = 0; i < Schema.Fields.Count; i++)
            if (Schema.Fields[i].Name == name)
                return i;
        throw new ArgumentException($"the schema has no field '{name}'");
    }

    private void AppendColumn(ParquetField field, ParquetWriteColumn column, int from, int count)
    {
        if (field.Kind == ParquetFieldKind.List)
        {
            AppendDoubleLists(field, column, from, count);
            return;
        }
        if (field.Kind != ParquetFieldKind.Primitive)
            throw new ArgumentException($"field '{field.Name}' is a {field.Kind}; write it with WriteRecord");
        var leaf = _leaves[field.Node.LeafIndex];
        bool[]? nulls = column.Nulls;
        if (column.Values is string?[] strings)
        {
            if (field.PhysicalType != ParquetPhysicalType.ByteArray)
                throw new ArgumentException($"field '{field.Name}' is {ParquetSchemaPrinter.TypeName(field)}, not a string");
            nulls = new bool[count];
            for (int i = 0; i < count; i++)
            {
                string? s = strings[from + i];
                nulls[i] = s is null;
                if (s is not null)
                    leaf.Values.AppendBinary(Encoding.UTF8.GetBytes(s));
            }
            AppendFlatLevels(field, leaf, nulls, 0, count);
            return;
        }
        AppendFlatLevels(field, leaf, nulls, from, count);
        switch (column.Values)
        {
            case double[] d when field.PhysicalType == ParquetPhysicalType.Double: Compact(d, nulls, from, count, leaf.Values.AppendDoubles); break;
            case float[] f when field.PhysicalType == ParquetPhysicalType.Float: Compact(f, nulls, from, count, leaf.Values.AppendFloats); break;
            case int[] n when field.PhysicalType == ParquetPhysicalType.Int32: Compact(n, nulls, from, count, leaf.Values.AppendInts); break;
            case long[] l when field.PhysicalType == ParquetPhysicalType.Int64: Compact(l, nulls, from, count, leaf.Values.AppendLongs); break;
            case bool[] b when field.PhysicalType == ParquetPhysicalType.Boolean: Compact(b, nulls, from, count, leaf.Values.AppendBools); break;
            default:
                throw new ArgumentException($"field '{field.Name}' is {ParquetSchemaPrinter.TypeName(field)} and cannot take a {column.Values.GetType().Name} column");
        }
    }

    private static void AppendFlatLevels(ParquetField field, LeafBuffer leaf, bool[]? nulls, int from, int count)
    {
        int start = leaf.ReserveLevels(count);
        var defs = leaf.Def.AsSpan(start, count);
        leaf.Rep.AsSpan(start, count).Clear();
        if (nulls is null)
        {
            defs.Fill(leaf.MaxDef);
            return;
        }
        if (field.Repetition == ParquetRepetition.Required)
        {
            for (int i = 0; i < count; i++)
                if (nulls[from + i])
                    throw new ArgumentException($"field '{field.Name}' is required but row {from + i} is null");
        }
        for (int i = 0; i < count; i++)
            defs[i] = nulls[from + i] ? 0 : leaf.MaxDef;
    }

    private delegate Span<T> Appender<T>(int n);

    private static void Compact<T>(T[] values, bool[]? nulls, int from, int count, Appender<T> append)
    {
        if (nulls is null)
        {
            values.AsSpan(from, count).CopyTo(append(count));
            return;
        }
        int present = 0;
        for (int i = 0; i < count; i++)
            if (!nulls[from + i]) present++;
        var dest = append(present);
        for (int i = 0, k = 0; i < count; i++)
            if (!nulls[from + i])
                dest[k++] = values[from + i];
    }

    private void AppendDoubleLists(ParquetField field, ParquetWriteColumn column, int from, int count)
    {
        if (column.Offsets is not { } offsets || column.Values is not double[] values
            || field.Element is not { Kind: ParquetFieldKind.Primitive, PhysicalType: ParquetPhysicalType.Double } element)
            throw new ArgumentException($"field '{field.Name}' is {ParquetSchemaPrinter.TypeName(field)}; only list<double> columns can be written with WriteColumns");
        var leaf = _leaves[element.Node.LeafIndex];
        var repeated = field.RepeatedNode!;
        int listDef = field.Node.DefLevel, nullDef = listDef - (field.IsNullable ? 1 : 0);
        for (int r = from; r < from + count; r++)
        {
            int lo = offsets[r], hi = offsets[r + 1];
            if (lo < 0 || hi < lo || hi > values.Length)
                throw new ArgumentException($"column '{field.Name}': offsets of row {r} ({lo}..{hi}) are out of order or beyond the {values.Length} values");
            if (column.Nulls is { } nulls && nulls[r])
            {
                if (!field.IsNullable)
                    throw new ArgumentException($"field '{field.Name}' is required but row {r} is null");
                leaf.AddLevels(0, nullDef);
                continue;
            }
            if (hi == lo)
            {
                leaf.AddLevels(0, listDef);
                continue;
            }
            int start = leaf.ReserveLevels(hi - lo);
            leaf.Def.AsSpan(start, hi - lo).Fill(leaf.MaxDef);
            var reps = leaf.Rep.AsSpan(start, hi - lo);
            reps.Fill(repeated.RepLevel);
            reps[0] = 0;
            values.AsSpan(lo, hi - lo).CopyTo(leaf.Values.AppendDoubles(hi - lo));
        }
    }
}
