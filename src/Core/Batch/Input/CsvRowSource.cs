using System.Text;
using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// A CSV input with a header line: records are tokenized in place (RFC 4180), the plan's input
/// cells are parsed straight into the frame, passthrough cells kept as text.
/// </summary>
internal sealed class CsvRowSource : IRowSource
{
    private readonly Stream _stream;
    private readonly StreamWindow _window;
    private readonly CsvTokenizer _tokenizer = new();
    private readonly SourceOptions _options;
    private readonly TextRange _range;
    private readonly byte[]? _nullToken;
    private readonly string _display;
    private readonly string[] _header;
    private readonly int[] _inputIndex;       // header position of each plan input
    private readonly int[] _passIndex;        // header position of each passthrough column
    private readonly int[] _cellStart;        // [row * cols + k], cols = inputs then passthrough; -1 = absent
    private readonly int[] _cellLength;
    private readonly long[] _lines;
    private readonly string?[] _problems;
    private readonly int[] _problemFields;
    private readonly Array[] _passValues;        // string?[] for text, double[]/long[]/bool[] for typed columns
    private readonly bool[][] _passNulls;
    private long _line = 1;
    private int _pos;
    private bool _done;

    private CsvRowSource(Stream stream, StreamWindow window, SourceOptions options, TextRange range, string display, string[] header, long? totalBytes)
    {
        _stream = stream;
        _window = window;
        _options = options;
        _range = range;
        _display = display;
        _header = header;
        TotalBytes = totalBytes;
        _nullToken = options.NullToken is { } token ? Encoding.UTF8.GetBytes(token) : null;
        _inputIndex = options.Inputs.Select(i => SourceOptions.FindInput(header, i.Name, display)).ToArray();
        var pass = options.ResolvePassthrough(header, display);
        _passIndex = pass.Select(p => Array.IndexOf(header, p)).ToArray();
        // A passed-through column the model also reads keeps the type the model reads it as.
        PassthroughFields = pass.Select(p => new PassthroughField(p, KindOf(options.Inputs.FirstOrDefault(i => string.Equals(i.Name, p, StringComparison.OrdinalIgnoreCase))?.Type))).ToArray();
        int cols = _inputIndex.Length + _passIndex.Length;
        int rows = options.ChunkRows;
        _cellStart = new int[Math.Max(1, rows * cols)];
        _cellLength = new int[_cellStart.Length];
        _lines = new long[rows];
        _problems = new string?[rows];
        _problemFields = new int[rows];
        _passValues = PassthroughFields.Select(f => f.Kind switch
        {
            PassthroughKind.Double => (Array)new double[rows],
            PassthroughKind.Int64 => new long[rows],
            PassthroughKind.Boolean => new bool[rows],
            _ => new string?[rows],
        }).ToArray();
        _passNulls = _passIndex.Select(_ => new bool[rows]).ToArray();
    }

    private static PassthroughKind KindOf(SparkType? type) => type switch
    {
        { IsFractional: true } => PassthroughKind.Double,
        { IsIntegral: true } => PassthroughKind.Int64,
        { Kind: SparkTypeKind.Boolean } => PassthroughKind.Boolean,
        _ => PassthroughKind.Text,
    };

    public IReadOnlyList<PassthroughField> PassthroughFields { get; }
    public long? TotalRows => null;
    public long BytesRead => _window.BytesRead;
    public long? TotalBytes { get; }

    public static async Task<CsvRowSource> OpenAsync(Stream stream, long? length, SourceOptions options, string display, CancellationToken cancellationToken)
    {
        var window = new StreamWindow(stream, display);
        var tokenizer = new CsvTokenizer();
        int pos = 0;
        long line = 1;
        while (true)
        {
            if (pos >= window.Length && !await window.FillAsync(cancellationToken).ConfigureAwait(false) && pos >= window.Length)
                throw new BatchJobException($"{display} is empty: a CSV input needs a header line", retryable: false);
            if (!tokenizer.TryRead(window.Buffer, pos, window.Length, window.AtEnd, out int next))
            {
                await window.FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            line += 1 + tokenizer.LineBreaks;
            bool blank = tokenizer.FieldCount == 1 && tokenizer.FieldLength(0) == 0;
            if (!blank)
            {
                var header = new string[tokenizer.FieldCount];
                for (int f = 0; f < header.Length; f++)
                {
                    var bytes = window.Buffer.AsSpan(tokenizer.FieldStart(f), tokenizer.FieldLength(f));
                    if (f == 0 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
                    header[f] = Encoding.UTF8.GetString(bytes).Trim();
                }
                window.Consume(next);
                var source = new CsvRowSource(stream, window, options, TextRange.For(options.Part, length), display, header, length) { _line = line };
                return source;
            }
            pos = next;
        }
    }

    public async ValueTask<RowChunk?> ReadChunkAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (_done)
            return null;
        _window.BeginChunk();
        _pos = 0;
        int cols = _inputIndex.Length + _passIndex.Length;
        int n = 0;
        while (n < _options.ChunkRows)
        {
            if (_pos >= _window.Length && !await _window.FillAsync(cancellationToken).ConfigureAwait(false) && _pos >= _window.Length)
            {
                _done = true;
                break;
            }
            if (!_tokenizer.TryRead(_window.Buffer, _pos, _window.Length, _window.AtEnd, out int next))
            {
                await _window.FillAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            long recordStart = _window.Origin + _pos;
            long line = _line;
            _line += 1 + _tokenizer.LineBreaks;
            _pos = next;
            if (_tokenizer.FieldCount == 1 && _tokenizer.FieldLength(0) == 0)
                continue; // blank line
            if (recordStart < _range.Start)
                continue;
            if (recordStart >= _range.End)
            {
                _done = true;
                break;
            }
            int fields = _tokenizer.FieldCount;
            int baseCell = n * cols;
            for (int k = 0; k < cols; k++)
            {
                int index = k < _inputIndex.Length ? _inputIndex[k] : _passIndex[k - _inputIndex.Length];
                _cellStart[baseCell + k] = index < fields ? _tokenizer.FieldStart(index) : -1;
                _cellLength[baseCell + k] = index < fields ? _tokenizer.FieldLength(index) : 0;
            }
            _lines[n] = line;
            _problems[n] = _tokenizer.Problem;
            _problemFields[n] = _tokenizer.ProblemField;
            n++;
        }
        _window.Consume(_pos);
        if (n == 0)
            return null;
        Bind(frame, n, cols);
        var pass = new PassthroughColumn[_passIndex.Length];
        for (int p = 0; p < pass.Length; p++)
            pass[p] = new PassthroughColumn(PassthroughFields[p], _passValues[p], _passValues[p] is string?[] ? null : _passNulls[p], 0);
        return new RowChunk(n, _lines, pass);
    }

    private void Bind(Frame frame, int n, int cols)
    {
        frame.Reset(n);
        byte[] buffer = _window.Buffer;
        var inputs = _options.Inputs;
        for (int r = 0; r < n; r++)
        {
            int baseCell = r * cols;
            if (_problems[r] is { } problem)
            {
                int f = _problemFields[r];
                frame.Fail(r, new ScoreError(ErrorCode.WrongType, f < _header.Length ? _header[f] : $"field {f + 1}", "input", problem));
                continue;
            }
            for (int k = 0; k < inputs.Count; k++)
            {
                var column = frame.Columns[inputs[k].Slot];
                int start = _cellStart[baseCell + k];
                if (start < 0)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.MissingColumn, inputs[k].Name, "input", $"the line has fewer fields than the header: no value for '{inputs[k].Name}'"));
                    break;
                }
                var cell = buffer.AsSpan(start, _cellLength[baseCell + k]);
                if (TextCellBinder.IsNull(cell, _nullToken))
                {
                    TextCellBinder.SetNull(column, r);
                    continue;
                }
                if (TextCellBinder.Bind(column, r, cell) is { } bad)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.WrongType, inputs[k].Name, "input", bad, TextCellBinder.Preview(cell)));
                    break;
                }
            }
            for (int p = 0; p < _passIndex.Length; p++)
            {
                int start = _cellStart[baseCell + inputs.Count + p];
                var cell = start < 0 ? default : buffer.AsSpan(start, _cellLength[baseCell + inputs.Count + p]);
                bool isNull = start < 0 || TextCellBinder.IsNull(cell, _nullToken);
                _passNulls[p][r] = isNull || !TextCellBinder.TryStore(_passValues[p], r, cell, isNull);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
