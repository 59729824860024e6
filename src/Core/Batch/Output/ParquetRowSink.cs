using Ember.Batch.Input;
using Ember.Parquet;
using Ember.Pipeline;

namespace Ember.Batch.Output;

/// <summary>
/// Writes Parquet with <see cref="ParquetFileWriter.WriteColumns"/>: passthrough columns keep their
/// Parquet type (text and JSON as strings), outputs map double → DOUBLE, int → INT32, long →
/// INT64, boolean, string, vectors and numeric arrays → list&lt;double&gt; (dense values),
/// array&lt;string&gt; → a JSON string. Column arrays are reused from chunk to chunk.
/// </summary>
internal sealed class ParquetRowSink : IRowSink
{
    private readonly SinkLayout _layout;
    private readonly ParquetFileWriter _writer;
    private readonly ColumnScratch[] _scratch;

    public ParquetRowSink(SinkLayout layout, OutputBuffer output, int rowGroupRows)
    {
        _layout = layout;
        var fields = new List<ParquetField>();
        foreach (var p in layout.Passthrough)
            fields.Add(p.Kind switch
            {
                PassthroughKind.Boolean => ParquetField.Boolean(p.Name),
                PassthroughKind.Int32 => ParquetField.Int32(p.Name),
                PassthroughKind.Int64 => ParquetField.Int64(p.Name),
                PassthroughKind.Float => ParquetField.Float(p.Name),
                PassthroughKind.Double => ParquetField.Double(p.Name),
                _ => ParquetField.String(p.Name),
            });
        foreach (var o in layout.Outputs)
            fields.Add(OutputValues.ParquetKindOf(o.Type) switch
            {
                OutputKind.Double => ParquetField.Double(o.Name),
                OutputKind.Int32 => ParquetField.Int32(o.Name),
                OutputKind.Int64 => ParquetField.Int64(o.Name),
                OutputKind.Boolean => ParquetField.Boolean(o.Name),
                OutputKind.DoubleList => ParquetField.List(o.Name, ParquetField.Double("element", nullable: false)),
                _ => ParquetField.String(o.Name),
            });
        if (layout.ErrorColumn)
            fields.Add(ParquetField.String(BatchJob.ErrorColumnName));
        _writer = new ParquetFileWriter(output, new ParquetSchema(fields.ToArray()), new ParquetWriteOptions { RowGroupSize = RowGroupRows(layout, rowGroupRows) });
        _scratch = fields.Select(_ => new ColumnScratch()).ToArray();
    }

    /// <summary>The writer buffers a whole row group: wide vector outputs get fewer rows per group, so memory stays near this budget.</summary>
    private const long RowGroupBudgetBytes = 32L * 1024 * 1024;

    private static int RowGroupRows(SinkLayout layout, int maxRows)
    {
        // Per value: 8 bytes plus two levels (held as ints while buffered).
        long perRow = 16L * (layout.Passthrough.Count + (layout.ErrorColumn ? 1 : 0));
        foreach (var o in layout.Outputs)
            perRow += 16L * (OutputValues.ParquetKindOf(o.Type) == OutputKind.DoubleList ? (o.VectorSize > 0 ? o.VectorSize : 32) : 1);
        return (int)Math.Clamp(RowGroupBudgetBytes / Math.Max(perRow, 1), 4096, maxRows);
    }

    public void Write(SinkChunk chunk)
    {
        int n = chunk.KeptCount;
        if (n == 0)
            return;
        var columns = new ParquetWriteColumn[_scratch.Length];
        int c = 0;
        foreach (var p in chunk.Rows.Passthrough)
            columns[c] = Passthrough(p, chunk, _scratch[c++]);
        var frame = chunk.Frame;
        foreach (var o in _layout.Outputs)
            columns[c] = Output(o, frame.Columns[o.Slot], chunk, _scratch[c++]);
        if (_layout.ErrorColumn)
        {
            var errors = _scratch[c].Array<string?>(n);
            for (int i = 0; i < n; i++)
                errors[i] = chunk.ErrorOf(chunk.Kept[i]);
            columns[c] = ParquetWriteColumn.Strings(BatchJob.ErrorColumnName, errors);
        }
        _writer.WriteColumns(columns);
    }

    private static ParquetWriteColumn Passthrough(PassthroughColumn p, SinkChunk chunk, ColumnScratch s)
    {
        int n = chunk.KeptCount;
        int[] kept = chunk.Kept;
        string name = p.Field.Name;
        bool[]? nulls = null;
        if (p.Nulls is { } source)
        {
            nulls = s.Nulls(n);
            bool any = false;
            for (int i = 0; i < n; i++) any |= nulls[i] = source[p.Offset + kept[i]];
            if (!any) nulls = null;
        }
        switch (p.Values)
        {
            case double[] d: return ParquetWriteColumn.Doubles(name, Gather(d, p.Offset, kept, s.Array<double>(n)), nulls);
            case float[] f: return ParquetWriteColumn.Floats(name, Gather(f, p.Offset, kept, s.Array<float>(n)), nulls);
            case int[] i32: return ParquetWriteColumn.Int32s(name, Gather(i32, p.Offset, kept, s.Array<int>(n)), nulls);
            case long[] i64: return ParquetWriteColumn.Int64s(name, Gather(i64, p.Offset, kept, s.Array<long>(n)), nulls);
            case bool[] b: return ParquetWriteColumn.Booleans(name, Gather(b, p.Offset, kept, s.Array<bool>(n)), nulls);
            default:
                var strings = s.Array<string?>(n);
                for (int i = 0; i < n; i++)
                    strings[i] = p.Field.Kind == PassthroughKind.Json ? OutputValues.JsonAsText(p.Text(kept[i])) : p.Text(kept[i]);
                return ParquetWriteColumn.Strings(name, strings);
        }
    }

    private static T[] Gather<T>(T[] source, int offset, int[] kept, T[] into)
    {
        for (int i = 0; i < into.Length; i++)
            into[i] = source[offset + kept[i]];
        return into;
    }

    private static ParquetWriteColumn Output(ColumnInfo o, Column column, SinkChunk chunk, ColumnScratch s)
    {
        int n = chunk.KeptCount;
        int[] kept = chunk.Kept;
        var states = chunk.Frame.States;
        var nulls = s.Nulls(n);
        bool any = false;
        for (int i = 0; i < n; i++)
            any |= nulls[i] = states[kept[i]] != RowState.Ok || column.IsNull(kept[i]);
        bool[]? mask = any ? nulls : null;
        switch (OutputValues.ParquetKindOf(o.Type))
        {
            case OutputKind.Double:
                return ParquetWriteColumn.Doubles(o.Name, Gather(((DoubleColumn)column).Values, 0, kept, s.Array<double>(n)), mask);
            case OutputKind.Int32:
                var ints = s.Array<int>(n);
                var longs = ((LongColumn)column).Values;
                for (int i = 0; i < n; i++) ints[i] = (int)longs[kept[i]];
                return ParquetWriteColumn.Int32s(o.Name, ints, mask);
            case OutputKind.Int64:
                return ParquetWriteColumn.Int64s(o.Name, Gather(((LongColumn)column).Values, 0, kept, s.Array<long>(n)), mask);
            case OutputKind.Boolean:
                return ParquetWriteColumn.Booleans(o.Name, Gather(((BooleanColumn)column).Values, 0, kept, s.Array<bool>(n)), mask);
            case OutputKind.DoubleList:
                return DoubleLists(o.Name, column, kept, n, nulls, mask, s);
            default:
                var strings = s.Array<string?>(n);
                for (int i = 0; i < n; i++)
                    strings[i] = nulls[i] ? null : OutputValues.Text(column, kept[i]);
                return ParquetWriteColumn.Strings(o.Name, strings);
        }
    }

    private static ParquetWriteColumn DoubleLists(string name, Column column, int[] kept, int n, bool[] nulls, bool[]? mask, ColumnScratch s)
    {
        var offsets = s.Offsets(n + 1);
        int total = 0;
        for (int i = 0; i < n; i++)
            if (!nulls[i])
                total += column is VectorColumn v ? v.SizeOf(kept[i]) : ((DoubleArrayColumn)column).Values[kept[i]]!.Length;
        var values = s.Values(total);
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            offsets[i] = at;
            if (nulls[i]) continue;
            if (column is VectorColumn vc)
            {
                var view = vc.Get(kept[i]);
                view.CopyToDense(values.AsSpan(at, view.Size));
                at += view.Size;
            }
            else
            {
                var array = ((DoubleArrayColumn)column).Values[kept[i]]!;
                array.CopyTo(values, at);
                at += array.Length;
            }
        }
        offsets[n] = at;
        return ParquetWriteColumn.DoubleLists(name, offsets, values, mask);
    }

    public void Finish() => _writer.Dispose();

    public void Dispose() { } // an unfinished file is abandoned with its upload

    /// <summary>Per-column arrays reused while the chunk size stays the same (WriteColumns takes exact lengths).</summary>
    private sealed class ColumnScratch
    {
        private Array? _array;
        private bool[]? _nulls;
        private int[]? _offsets;
        private double[]? _values;

        public T[] Array<T>(int n) => _array is T[] a && a.Length == n ? a : (T[])(_array = new T[n]);
        public bool[] Nulls(int n) => _nulls is { } a && a.Length == n ? a : _nulls = new bool[n];
        public int[] Offsets(int n) => _offsets is { } a && a.Length == n ? a : _offsets = new int[n];
        public double[] Values(int atLeast) => _values is { } a && a.Length >= atLeast ? a : _values = new double[Math.Max(atLeast, 16)];
    }
}
