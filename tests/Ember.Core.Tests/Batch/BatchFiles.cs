using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Batch;
using Ember.Parquet;

namespace Ember.Core.Tests.Batch;

/// <summary>Writes test inputs in each format and reads outputs back with independent readers.</summary>
internal static class BatchFiles
{
    public sealed record InputRow(long Id, string? Color, double? X);

    public static readonly string[] Colors = ["red", "green", "blue"];

    public static List<InputRow> Rows(int count) =>
        Enumerable.Range(0, count).Select(i => new InputRow(i + 1, Colors[i % 3], Math.Round((i % 17 - 8) * 0.37, 6))).ToList();

    public static void Write(string path, DataFormat format, IReadOnlyList<InputRow> rows, int rowGroupRows = 1000)
    {
        switch (format)
        {
            case DataFormat.Csv:
                var csv = new StringBuilder("id,color,x\n");
                foreach (var r in rows)
                    csv.Append(CultureInfo.InvariantCulture, $"{r.Id},{r.Color},{r.X?.ToString("R", CultureInfo.InvariantCulture)}\n");
                File.WriteAllText(path, csv.ToString());
                break;
            case DataFormat.Jsonl:
                var jsonl = new StringBuilder();
                foreach (var r in rows)
                    jsonl.Append(CultureInfo.InvariantCulture, $"{{\"id\":{r.Id},\"color\":{JsonSerializer.Serialize(r.Color)},\"x\":{(r.X is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "null")}}}\n");
                File.WriteAllText(path, jsonl.ToString());
                break;
            default:
                var schema = new ParquetSchema(ParquetField.Int64("id"), ParquetField.String("color"), ParquetField.Double("x"));
                using (var w = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { RowGroupSize = rowGroupRows }))
                    foreach (var r in rows)
                        w.WriteRow(r.Id, r.Color, r.X);
                break;
        }
    }

    /// <summary>Output rows as name → value: double, long, bool, string, double[] (vectors) or null.</summary>
    public static List<Dictionary<string, object?>> Read(string path, DataFormat format)
    {
        var rows = new List<Dictionary<string, object?>>();
        switch (format)
        {
            case DataFormat.Parquet:
                using (var reader = ParquetFileReader.Open(path))
                    foreach (var record in reader.ReadRecords())
                        rows.Add(record.Names.Select((n, i) => (n, Plain(record[i]))).ToDictionary(p => p.n, p => p.Item2));
                break;
            case DataFormat.Jsonl:
                foreach (string line in File.ReadAllLines(path).Where(l => l.Length > 0))
                {
                    using var doc = JsonDocument.Parse(line);
                    rows.Add(doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value)));
                }
                break;
            default:
                using (var reader = new StreamReader(path))
                using (var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture))
                {
                    csv.Read();
                    csv.ReadHeader();
                    string[] header = csv.HeaderRecord!;
                    while (csv.Read())
                        rows.Add(header.Select((h, i) => (h, Text(csv.GetField(i)))).ToDictionary(p => p.h, p => p.Item2));
                }
                break;
        }
        return rows;
    }

    public static double AsDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        string s => double.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"{value} is not a number"),
    };

    public static double[] AsVector(object? value) => value switch
    {
        double[] d => d,
        string s => JsonSerializer.Deserialize<double[]>(s)!,
        _ => throw new InvalidCastException($"{value} is not a vector"),
    };

    private static object? Plain(object? value) => value switch
    {
        IReadOnlyList<object?> list => list.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray(),
        int i => (long)i,
        _ => value,
    };

    private static object? Plain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.TryGetInt64(out long l) && !e.GetRawText().Contains('.') && !e.GetRawText().Contains('E') ? l : e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? double.Parse(x.GetString()!, CultureInfo.InvariantCulture) : x.GetDouble()).ToArray(),
        _ => e.GetRawText(),
    };

    private static object? Text(string? cell) => string.IsNullOrEmpty(cell) ? null : cell;
}
