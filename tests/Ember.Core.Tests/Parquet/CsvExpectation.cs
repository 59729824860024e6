namespace Ember.Core.Tests.Parquet;

/// <summary>Reads the corpus' *_expect.csv files (RFC 4180 quoting; an empty unquoted field is null).</summary>
internal static class CsvExpectation
{
    public static (string[] Header, List<string?[]> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = Split(lines[0]).Select(h => h!.Trim()).ToArray();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(Split).ToList();
        return (header, rows);
    }

    private static string?[] Split(string line)
    {
        var fields = new List<string?>();
        int i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; }
                    else if (line[i] == '"') { i++; break; }
                    else sb.Append(line[i++]);
                }
                fields.Add(sb.ToString());
                i++; // comma
            }
            else
            {
                int comma = line.IndexOf(',', i);
                if (comma < 0) comma = line.Length;
                string raw = line[i..comma];
                fields.Add(raw.Length == 0 ? null : raw);
                i = comma + 1;
            }
        }
        return fields.ToArray();
    }
}
