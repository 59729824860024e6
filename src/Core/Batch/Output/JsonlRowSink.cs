using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ember.Batch.Input;
using Ember.Pipeline;

namespace Ember.Batch.Output;

/// <summary>One JSON object per line: passthrough values (JSON passthrough verbatim), then outputs, then _error.</summary>
internal sealed class JsonlRowSink : IRowSink
{
    /// <summary>Files, not HTML: keep non-ASCII text readable instead of \u-escaping it.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly SinkLayout _layout;
    private readonly OutputBuffer _output;
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText[] _passNames;
    private readonly JsonEncodedText[] _outputNames;
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode(BatchJob.ErrorColumnName);

    public JsonlRowSink(SinkLayout layout, OutputBuffer output)
    {
        _layout = layout;
        _output = output;
        _writer = new Utf8JsonWriter(output.Writer, WriterOptions);
        _passNames = layout.Passthrough.Select(p => JsonEncodedText.Encode(p.Name, WriterOptions.Encoder)).ToArray();
        _outputNames = layout.Outputs.Select(o => JsonEncodedText.Encode(o.Name, WriterOptions.Encoder)).ToArray();
    }

    public void Write(SinkChunk chunk)
    {
        var frame = chunk.Frame;
        var pass = chunk.Rows.Passthrough;
        for (int i = 0; i < chunk.KeptCount; i++)
        {
            int row = chunk.Kept[i];
            _writer.WriteStartObject();
            for (int p = 0; p < pass.Length; p++)
            {
                _writer.WritePropertyName(_passNames[p]);
                WritePassthrough(pass[p], row);
            }
            bool ok = frame.States[row] == RowState.Ok;
            for (int o = 0; o < _outputNames.Length; o++)
            {
                _writer.WritePropertyName(_outputNames[o]);
                if (ok) OutputValues.WriteJson(_writer, frame.Columns[_layout.Outputs[o].Slot], row);
                else _writer.WriteNullValue();
            }
            if (_layout.ErrorColumn)
                _writer.WriteString(ErrorName, chunk.ErrorOf(row));
            _writer.WriteEndObject();
            _writer.Flush();
            _output.Writer.Write("\n"u8);
            _writer.Reset(_output.Writer);
        }
    }

    private void WritePassthrough(PassthroughColumn p, int row)
    {
        if (p.IsNull(row))
        {
            _writer.WriteNullValue();
            return;
        }
        int at = p.Offset + row;
        switch (p.Field.Kind)
        {
            case PassthroughKind.Text: _writer.WriteStringValue(p.Text(row)); break;
            case PassthroughKind.Json: _writer.WriteRawValue(p.Text(row)!, skipInputValidation: true); break;
            case PassthroughKind.Boolean: _writer.WriteBooleanValue(((bool[])p.Values)[at]); break;
            case PassthroughKind.Int32: _writer.WriteNumberValue(((int[])p.Values)[at]); break;
            case PassthroughKind.Int64: _writer.WriteNumberValue(((long[])p.Values)[at]); break;
            case PassthroughKind.Float:
                float f = ((float[])p.Values)[at];
                if (float.IsFinite(f)) _writer.WriteNumberValue(f);
                else OutputValues.WriteDouble(_writer, f);
                break;
            default: OutputValues.WriteDouble(_writer, ((double[])p.Values)[at]); break;
        }
    }

    public void Finish() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
