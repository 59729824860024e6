using Ember.Parquet;
using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>A Parquet training sample: one file, or a folder of part files as Spark writes them.</summary>
internal static class ParquetSampleReader
{
    public static IEnumerable<SampleRow> Read(string path, IReadOnlyList<SampleColumn> columns)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.parquet").Order(StringComparer.Ordinal).ToArray()
            : [path];
        if (files.Length == 0)
            throw new FormatException($"'{path}' holds no .parquet files");
        foreach (var f in files)
        {
            using var reader = ParquetFileReader.Open(f);
            string file = Path.GetFileName(f);
            int[]? index = null;
            long row = 0;
            foreach (var record in reader.ReadRecords())
            {
                row++;
                index ??= Resolve(record, columns, file);
                var values = new object?[columns.Count];
                string? problem = null;
                for (int c = 0; c < columns.Count && problem is null; c++)
                {
                    values[c] = Convert(record[index[c]], columns[c].Type, out string? p);
                    if (p is not null)
                        problem = $"{file} row {row}, column '{columns[c].Name}': {p}";
                }
                yield return new SampleRow(values, problem);
            }
        }
    }

    private static int[] Resolve(ParquetRecord record, IReadOnlyList<SampleColumn> columns, string file)
    {
        var names = record.Names;
        var index = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            index[c] = -1;
            for (int i = 0; i < names.Count; i++)
                if (string.Equals(names[i], columns[c].Name, StringComparison.OrdinalIgnoreCase)) { index[c] = i; break; }
            if (index[c] < 0)
                throw SampleFile.Missing(file, columns[c].Name, names);
        }
        return index;
    }

    /// <summary>A Parquet value as the plain value <see cref="FrameValues.TrySet"/> takes for <paramref name="type"/>.</summary>
    private static object? Convert(object? value, SparkType type, out string? problem)
    {
        problem = null;
        switch (value)
        {
            case null:
                return null;
            case DateOnly date when type.Kind == SparkTypeKind.Date:
                return (long)(date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
            case DateTime time when type.Kind == SparkTypeKind.Timestamp:
                return (time.Ticks - DateTime.UnixEpoch.Ticks) / 10;
            case string s when type.Kind != SparkTypeKind.String:
                return TextValues.Parse(s, type, out problem);
            case IReadOnlyList<object?> list when type.Kind is SparkTypeKind.Array or SparkTypeKind.Vector:
                if (type.Element == SparkType.String)
                    return list.Select(x => x?.ToString()).ToArray();
                var doubles = new double[list.Count];
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i] is not IConvertible number || list[i] is string or bool)
                    {
                        problem = $"element {i} is not a number";
                        return null;
                    }
                    doubles[i] = number.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
                }
                return doubles;
            case float or double or int or long or short or sbyte or byte or decimal or bool or string:
                return value;
            case uint u: return (long)u;
            case ushort us: return (int)us;
            default:
                problem = $"a Parquet {value.GetType().Name} value does not fit {type}";
                return null;
        }
    }
}
