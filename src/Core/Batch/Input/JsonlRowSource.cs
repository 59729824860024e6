using System.Text;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// A JSON Lines input: one object per line (blank lines ignored), read with Utf8JsonReader in
/// place. Input keys match the plan's columns (exact, then case-insensitive); a missing key is a
/// row error, null is null. Passthrough values are kept as their raw JSON text. With "*", the
/// passthrough columns are the keys of the first object.
/// </summary>
internal sealed class JsonlRowSource : IRowSource
{
    private readonly Stream _stream;
    private readonly StreamWindow _window;
    private readonly SourceOptions _options;
    private readonly TextRange _range;
    private readonly byte[][] _names;          // inputs then passthrough, UTF-8
    private readonly int _inputCount;
    private readonly int[] _lineStart;
    private readonly int[] _lineLength;
    private readonly long[] _lines;
    private readonly string?[][] _passValues;
    private readonly bool[] _seen;
    private long _line = 1;
    private bool _done;

    private JsonlRowSource(Stream stream, StreamWindow window, SourceOptions options, IReadOnlyList<string> passthrough, long? length)
    {
        _stream = stream;
        _window = window;
        _options = options;
        _range = TextRange.For(options.Part, length);
        TotalBytes = length;
        _inputCount = options.Inputs.Count;
        _names = options.Inputs.Select(i => i.Name).Concat(passthrough).Select(Encoding.UTF8.GetBytes).ToArray();
        PassthroughFields = passthrough.Select(p => new PassthroughField(p, PassthroughKind.Json)).ToArray();
        _lineStart = new int[options.ChunkRows];
        _lineLength = new int[options.ChunkRows];
        _lines = new long[options.ChunkRows];
        _passValues = passthrough.Select(_ => new string?[options.ChunkRows]).ToArray();
        _seen = new bool[_names.Length];
    }

    public IReadOnlyList<PassthroughField> PassthroughFields { get; }
    public long? TotalRows => null;
    public long BytesRead => _window.BytesRead;
    public long? TotalBytes { get; }

    public static async Task<JsonlRowSource> OpenAsync(Stream stream, long? length, SourceOptions options, string display, CancellationToken cancellationToken)
    {
        var window = new StreamWindow(stream, display);
        IReadOnlyList<string> passthrough = options.Passthrough;
        if (options.AllColumns)
            passthrough = (await FirstObjectKeysAsync(window, display, cancellationToken).ConfigureAwait(false))
                .Where(k => !options.OutputNames.Contains(k)).ToArray();
        else
            foreach (string name in passthrough)
                if (options.OutputNames.Contains(name))
                    throw new BatchJobException($"passthrough column '{name}' has the name of an output column; leave it out or rename it", retryable: false);
        return new JsonlRowSource(stream, window, options, passthrough, length);
    }

    /// <summary>Reads (without consuming) up to the first non-blank line and returns its keys.</summary>
    private static async Task<List<string>> FirstObjectKeysAsync(StreamWindow window, string display, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryFirstKeys(window, display) is { } keys)
                return keys;
            await window.FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The keys of the first non-blank line, [] for an input without one, null when more bytes are needed.</summary>
    private static List<string>? TryFirstKeys(StreamWindow window, string display)
    {
        var data = window.Buffer.AsSpan(0, window.Length);
        int from = 0;
        while (true)
        {
            int newline = data[from..].IndexOf((byte)'\n');
            if (newline < 0 && !window.AtEnd)
                return null;
            int end = newline < 0 ? data.Length : from + newline;
            var line = data[from..end].Trim(" \t\r"u8);
            if (line.Length > 0)
                return KeysOf(line, display);
            if (newline < 0)
                return [];
            from = end + 1;
        }
    }

    private static List<string> KeysOf(ReadOnlySpan<byte> line, string display)
    {
        var keys = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new BatchJobException($"{display}: the first line is not a JSON object", retryable: false);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                keys.Add(reader.GetString()!);
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            throw new BatchJobException($"{display}: the first line is not valid JSON ({ex.Message})", retryable: false);
        }
        return keys;
    }

    public async ValueTask<RowChunk?> ReadChunkAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (_done)
            return null;
        _window.BeginChunk();
        int pos = 0, n = 0;
        while (n < _options.ChunkRows)
        {
            int newline = pos < _window.Length ? _window.Buffer.AsSpan(pos, _window.Length - pos).IndexOf((byte)'\n') : -1;
            int end;
            if (newline >= 0)
                end = pos + newline;
            else if (_window.AtEnd)
                end = _window.Length;
            else
            {
                await _window.FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (end == pos && newline < 0)
            {
                _done = true;
                break;
            }
            long start = _window.Origin + pos;
            long line = _line++;
            int s = pos;
            pos = newline >= 0 ? end + 1 : end;
            var text = _window.Buffer.AsSpan(s, end - s);
            if (text.Trim(" \t\r"u8).Length == 0 || start < _range.Start)
                continue;
            if (start >= _range.End)
            {
                _done = true;
                break;
            }
            _lineStart[n] = s;
            _lineLength[n] = end - s;
            _lines[n] = line;
            n++;
        }
        _window.Consume(pos);
        if (n == 0)
            return null;
        frame.Reset(n);
        for (int r = 0; r < n; r++)
            BindLine(frame, r);
        var pass = new PassthroughColumn[_passValues.Length];
        for (int p = 0; p < pass.Length; p++)
            pass[p] = new PassthroughColumn(PassthroughFields[p], _passValues[p], null, 0);
        return new RowChunk(n, _lines, pass);
    }

    private void BindLine(Frame frame, int r)
    {
        var line = _window.Buffer.AsSpan(_lineStart[r], _lineLength[r]);
        Array.Clear(_seen);
        for (int p = 0; p < _passValues.Length; p++)
            _passValues[p][r] = null;
        var inputs = _options.Inputs;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                frame.Fail(r, new ScoreError(ErrorCode.WrongType, "(line)", "input", "the line is not a JSON object"));
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int k = Match(ref reader);
                reader.Read();
                if (k < 0)
                {
                    reader.Skip();
                    continue;
                }
                _seen[k] = true;
                bool isInput = k < _inputCount;
                int pass = isInput ? PassIndexOf(k) : k - _inputCount;
                long tokenStart = reader.TokenStartIndex;
                if (isInput && frame.IsOk(r))
                {
                    var column = frame.Columns[inputs[k].Slot];
                    var copy = reader; // the binder may consume a container; keep the start for passthrough
                    if (JsonCellBinder.Bind(column, r, ref copy) is { } problem)
                        frame.Fail(r, new ScoreError(ErrorCode.WrongType, inputs[k].Name, "input", problem));
                }
                reader.Skip();
                if (pass >= 0 && reader.TokenType != JsonTokenType.Null)
                    _passValues[pass][r] = Encoding.UTF8.GetString(line[(int)tokenStart..(int)reader.BytesConsumed]);
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                throw new JsonException("the object is not closed");
            reader.Read(); // a second value on the line is an error
        }
        catch (JsonException ex)
        {
            frame.Fail(r, new ScoreError(ErrorCode.WrongType, "(line)", "input", $"the line is not valid JSON: {ex.Message}"));
            return;
        }
        for (int k = 0; k < _inputCount; k++)
        {
            if (!_seen[k])
            {
                frame.Fail(r, new ScoreError(ErrorCode.MissingColumn, inputs[k].Name, "input", $"the object has no \"{inputs[k].Name}\""));
                return;
            }
        }
    }

    /// <summary>A passthrough column with the same name as input k, or -1.</summary>
    private int PassIndexOf(int k)
    {
        for (int p = _inputCount; p < _names.Length; p++)
            if (_names[p].AsSpan().SequenceEqual(_names[k]))
                return p - _inputCount;
        return -1;
    }

    private int Match(ref Utf8JsonReader reader)
    {
        for (int k = 0; k < _names.Length; k++)
            if (!_seen[k] && reader.ValueTextEquals(_names[k]))
                return k;
        string name = reader.GetString()!;
        for (int k = 0; k < _names.Length; k++)
            if (!_seen[k] && string.Equals(Encoding.UTF8.GetString(_names[k]), name, StringComparison.OrdinalIgnoreCase))
                return k;
        return -1;
    }

    public void Dispose() => _stream.Dispose();
}
