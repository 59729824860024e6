using System.Text;
using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// A CSV training sample with a header row (RFC 4180: quoted fields, doubled quotes, line breaks
/// inside quotes). Cells parse with <see cref="TextValues"/>; an empty cell is null.
/// </summary>
internal static class CsvSampleReader
{
    /// <summary>A field longer than this is not a training sample value: stop rather than fill memory.</summary>
    private const int MaxFieldChars = 1 << 20;

    public static IEnumerable<SampleRow> Read(string path, IReadOnlyList<SampleColumn> columns)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string file = Path.GetFileName(path);
        var fields = new List<string>();
        long line = 1;
        if (!ReadRecord(reader, fields, file, ref line))
            throw new FormatException($"'{file}' is empty: a CSV sample needs a header row");
        var header = fields.ToArray();
        var index = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            index[c] = Array.FindIndex(header, h => string.Equals(h.Trim(), columns[c].Name, StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0)
                throw SampleFile.Missing(file, columns[c].Name, header);
        }
        while (true)
        {
            long start = line;
            if (!ReadRecord(reader, fields, file, ref line))
                yield break;
            if (fields.Count == 1 && fields[0].Length == 0)
                continue; // blank line
            var values = new object?[columns.Count];
            string? problem = null;
            for (int c = 0; c < columns.Count && problem is null; c++)
            {
                if (index[c] >= fields.Count)
                {
                    problem = $"{file} line {start}: {fields.Count} fields, no value for '{columns[c].Name}'";
                    break;
                }
                string cell = fields[index[c]];
                if (cell.Length == 0)
                    continue;
                values[c] = TextValues.Parse(cell, columns[c].Type, out string? p);
                if (p is not null)
                    problem = $"{file} line {start}, column '{columns[c].Name}': {p}";
            }
            yield return new SampleRow(values, problem);
        }
    }

    private static bool ReadRecord(StreamReader reader, List<string> fields, string file, ref long line)
    {
        fields.Clear();
        if (reader.Peek() < 0)
            return false;
        var field = new StringBuilder();
        bool quoted = false, atStart = true;
        while (true)
        {
            int ch = reader.Read();
            if (ch < 0)
            {
                if (quoted)
                    throw new FormatException($"{file} line {line}: a quoted field is not closed before the end of the file");
                fields.Add(field.ToString());
                return true;
            }
            char c = (char)ch;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
            }
            else if (c == '"' && atStart)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                atStart = true;
                continue;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                line++;
                fields.Add(field.ToString());
                return true;
            }
            else
            {
                field.Append(c);
            }
            atStart = false;
            if (field.Length > MaxFieldChars)
                throw new FormatException($"{file} line {line}: a field is longer than {MaxFieldChars} characters");
        }
    }
}
