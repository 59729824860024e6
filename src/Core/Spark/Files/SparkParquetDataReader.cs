using Ember.Parquet;

namespace Ember.Spark;

/// <summary>
/// <see cref="IDataFileReader"/> over Ember's Parquet reader: every part file of a data folder
/// (in Spark's numbering order; _SUCCESS, _committed_*, _started_*, .crc, hidden and empty files
/// skipped), records converted to <see cref="DataRow"/>s.
/// </summary>
public sealed class SparkParquetDataReader : IDataFileReader
{
    public static readonly SparkParquetDataReader Instance = new();

    public IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory)
    {
        var rows = new List<DataRow>();
        foreach (var name in files.ListFiles(directory))
        {
            if (name.StartsWith('_') || name.StartsWith('.') || name.EndsWith(".crc", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) && !name.StartsWith("part-", StringComparison.Ordinal))
                continue;
            string path = ModelPath.Combine(directory, name);
            if (files.FileSize(path) == 0)
                continue;
            rows.AddRange(ReadFile(files.OpenRead(path), path));
        }
        return rows;
    }

    /// <summary>Every row of one Parquet file.</summary>
    public IReadOnlyList<DataRow> ReadFile(Stream stream, string displayName)
    {
        var rows = new List<DataRow>();
        try
        {
            using (stream)
            using (var reader = ParquetFileReader.Open(stream, displayName))
            {
                foreach (var record in reader.ReadRecords())
                    rows.Add(ToRow(record, displayName));
            }
        }
        catch (ParquetException ex)
        {
            throw new ModelLoadException(displayName, ex.Message, ex);
        }
        return rows;
    }

    private static DataRow ToRow(ParquetRecord record, string source)
    {
        var names = record.Names.ToArray();
        var values = new object?[names.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = Convert(record[i], source);
        return new DataRow(names, values, source);
    }

    private static object? Convert(object? value, string source) => value switch
    {
        ParquetRecord r => ToRow(r, source),
        IReadOnlyList<KeyValuePair<object?, object?>> map => map.Select(p => new KeyValuePair<object?, object?>(Convert(p.Key, source), Convert(p.Value, source))).ToList(),
        IReadOnlyList<object?> list when list.Any(e => e is ParquetRecord or IReadOnlyList<object?>) => list.Select(e => Convert(e, source)).ToList(),
        _ => value,
    };
}
