namespace Ember.Batch.Input;

/// <summary>
/// RFC 4180 records over UTF-8 bytes, in place: fields separated by ',', records by LF or CRLF,
/// quoted fields with "" for a quote and line breaks allowed inside. A field's bytes are a slice
/// of the buffer; quoted fields with doubled quotes are unescaped in place once the record is whole.
/// </summary>
internal sealed class CsvTokenizer(byte delimiter = (byte)',')
{
    private int[] _start = new int[64];
    private int[] _length = new int[64];
    private bool[] _escaped = new bool[64];

    public int FieldCount { get; private set; }

    /// <summary>Line breaks inside the last record (quoted fields can hold them).</summary>
    public int LineBreaks { get; private set; }

    /// <summary>Why the last record is malformed (and which field), or null.</summary>
    public string? Problem { get; private set; }
    public int ProblemField { get; private set; }

    public int FieldStart(int i) => _start[i];
    public int FieldLength(int i) => _length[i];

    /// <summary>
    /// Parses the record starting at <paramref name="pos"/>. False when the bytes end before the
    /// record does and more may come (<paramref name="final"/> false): call again after a fill.
    /// </summary>
    public bool TryRead(byte[] buffer, int pos, int end, bool final, out int next)
    {
        FieldCount = 0;
        LineBreaks = 0;
        Problem = null;
        int i = pos;
        while (true)
        {
            int field = FieldCount;
            if (field == _start.Length)
                Grow();
            FieldCount++;
            _escaped[field] = false;
            if (i < end && buffer[i] == (byte)'"')
            {
                int contentStart = ++i;
                bool closed = false;
                while (i < end)
                {
                    byte b = buffer[i];
                    if (b == (byte)'"')
                    {
                        if (i + 1 < end && buffer[i + 1] == (byte)'"')
                        {
                            _escaped[field] = true;
                            i += 2;
                            continue;
                        }
                        if (i + 1 == end && !final)
                        {
                            next = pos;
                            return false; // "" may straddle the fill
                        }
                        closed = true;
                        break;
                    }
                    if (b == (byte)'\n') LineBreaks++;
                    i++;
                }
                if (!closed)
                {
                    if (!final)
                    {
                        next = pos;
                        return false;
                    }
                    SetProblem(field, "a quoted field is not closed before the end of the file");
                    _start[field] = contentStart;
                    _length[field] = end - contentStart;
                    next = end;
                    Unescape(buffer);
                    return true;
                }
                _start[field] = contentStart;
                _length[field] = i - contentStart;
                i++; // closing quote
                if (i < end && buffer[i] != delimiter && buffer[i] != (byte)'\n' && buffer[i] != (byte)'\r')
                {
                    SetProblem(field, "a quoted field is followed by text before the next ','");
                    while (i < end && buffer[i] != delimiter && buffer[i] != (byte)'\n')
                        i++;
                }
            }
            else
            {
                int s = i;
                while (i < end && buffer[i] != delimiter && buffer[i] != (byte)'\n')
                    i++;
                _start[field] = s;
                _length[field] = i - s;
            }

            if (i >= end)
            {
                if (!final)
                {
                    next = pos;
                    return false;
                }
                TrimCarriageReturn(buffer, field);
                next = end;
                Unescape(buffer);
                return true;
            }
            if (buffer[i] == delimiter)
            {
                i++;
                continue;
            }
            if (buffer[i] == (byte)'\r' && i + 1 < end && buffer[i + 1] == (byte)'\n')
                i++;
            else if (buffer[i] == (byte)'\r' && i + 1 == end && !final)
            {
                next = pos;
                return false;
            }
            TrimCarriageReturn(buffer, field);
            next = i + 1;
            Unescape(buffer);
            return true;
        }
    }

    private void TrimCarriageReturn(byte[] buffer, int field)
    {
        int last = _start[field] + _length[field] - 1;
        if (_length[field] > 0 && buffer[last] == (byte)'\r')
            _length[field]--;
    }

    private void SetProblem(int field, string problem)
    {
        if (Problem is not null) return;
        Problem = problem;
        ProblemField = field;
    }

    private void Unescape(byte[] buffer)
    {
        for (int f = 0; f < FieldCount; f++)
        {
            if (!_escaped[f]) continue;
            int read = _start[f], end = read + _length[f], write = read;
            while (read < end)
            {
                byte b = buffer[read++];
                buffer[write++] = b;
                if (b == (byte)'"' && read < end && buffer[read] == (byte)'"')
                    read++;
            }
            _length[f] = write - _start[f];
        }
    }

    private void Grow()
    {
        int n = _start.Length * 2;
        if (n > 1 << 20)
            throw new BatchJobException("a CSV record has more than a million fields", retryable: false);
        Array.Resize(ref _start, n);
        Array.Resize(ref _length, n);
        Array.Resize(ref _escaped, n);
    }
}
