using System.Buffers;
using System.Globalization;
using System.Text;
using Ember.Batch.Input;
using Ember.Pipeline;

namespace Ember.Batch.Output;

/// <summary>
/// CSV with a header line (RFC 4180: a field holding ',', '"', CR or LF is quoted, quotes doubled).
/// Numbers use the invariant culture (NaN, Infinity, -Infinity); vectors and arrays are JSON
/// arrays in one cell; null is an empty cell.
/// </summary>
internal sealed class CsvRowSink : IRowSink
{
    private readonly SinkLayout _layout;
    private readonly ArrayBufferWriter<byte> _out;

    public CsvRowSink(SinkLayout layout, OutputBuffer output)
    {
        _layout = layout;
        _out = output.Writer;
        bool first = true;
        foreach (string name in layout.ColumnNames)
        {
            if (!first) _out.Write(","u8);
            first = false;
            WriteText(name);
        }
        _out.Write("\n"u8);
    }

    public void Write(SinkChunk chunk)
    {
        var frame = chunk.Frame;
        var pass = chunk.Rows.Passthrough;
        for (int i = 0; i < chunk.KeptCount; i++)
        {
            int row = chunk.Kept[i];
            bool first = true;
            for (int p = 0; p < pass.Length; p++)
            {
                Separator(ref first);
                WritePassthrough(pass[p], row);
            }
            bool ok = frame.States[row] == RowState.Ok;
            foreach (var o in _layout.Outputs)
            {
                Separator(ref first);
                if (ok) WriteOutput(frame.Columns[o.Slot], row);
            }
            if (_layout.ErrorColumn)
            {
                Separator(ref first);
                if (chunk.ErrorOf(row) is { } error) WriteText(error);
            }
            _out.Write("\n"u8);
        }
    }

    private void Separator(ref bool first)
    {
        if (!first) _out.Write(","u8);
        first = false;
    }

    private void WritePassthrough(PassthroughColumn p, int row)
    {
        if (p.IsNull(row))
            return;
        int at = p.Offset + row;
        switch (p.Field.Kind)
        {
            case PassthroughKind.Text: WriteText(p.Text(row)!); break;
            case PassthroughKind.Json: WriteText(OutputValues.JsonAsText(p.Text(row))!); break;
            case PassthroughKind.Boolean: _out.Write(((bool[])p.Values)[at] ? "true"u8 : "false"u8); break;
            case PassthroughKind.Int32: WriteNumber(((int[])p.Values)[at]); break;
            case PassthroughKind.Int64: WriteNumber(((long[])p.Values)[at]); break;
            case PassthroughKind.Float: WriteNumber(((float[])p.Values)[at]); break;
            default: WriteNumber(((double[])p.Values)[at]); break;
        }
    }

    private void WriteOutput(Column column, int row)
    {
        if (column.IsNull(row))
            return;
        switch (column)
        {
            case DoubleColumn d: WriteNumber(d.Values[row]); break;
            case LongColumn l: WriteNumber(l.Values[row]); break;
            case BooleanColumn b: _out.Write(b.Values[row] ? "true"u8 : "false"u8); break;
            default: WriteText(OutputValues.Text(column, row)!); break;
        }
    }

    private void WriteNumber<T>(T value) where T : IUtf8SpanFormattable
    {
        var span = _out.GetSpan(64);
        if (!value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a number did not fit in 64 bytes");
        _out.Advance(written);
    }

    private void WriteText(string text)
    {
        bool quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            WriteUtf8(text);
            return;
        }
        _out.Write("\""u8);
        WriteUtf8(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _out.Write("\""u8);
    }

    private void WriteUtf8(string text)
    {
        var span = _out.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _out.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    public void Finish() { }

    public void Dispose() { }
}
