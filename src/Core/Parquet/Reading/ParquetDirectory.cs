namespace Ember.Parquet;

/// <summary>
/// Reads a folder of part files as Spark writes it (a model's data/ folder, a batch output):
/// the Parquet parts in name order, skipping _SUCCESS, _committed_*, _started_*, .crc and hidden files.
/// </summary>
public static class ParquetDirectory
{
    /// <summary>The part files of a folder in the order Spark numbered them.</summary>
    public static IReadOnlyList<string> ListPartFiles(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ParquetException(directory, null, "the Parquet folder does not exist");
        var files = new List<string>();
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('_') || name.StartsWith('.') || name.EndsWith(".crc", StringComparison.OrdinalIgnoreCase))
                continue;
            if (name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || name.StartsWith("part-", StringComparison.Ordinal))
                files.Add(path);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Every record of every part file, streaming one row group at a time. Zero-byte parts count as empty.</summary>
    public static IEnumerable<ParquetRecord> ReadRecords(string directory)
    {
        foreach (string file in ListPartFiles(directory))
        {
            if (new FileInfo(file).Length == 0)
                continue;
            using var reader = ParquetFileReader.Open(file);
            foreach (var record in reader.ReadRecords())
                yield return record;
        }
    }

    /// <summary>The schema of the first non-empty part file, or null when the folder holds none.</summary>
    public static ParquetSchema? ReadSchema(string directory)
    {
        foreach (string file in ListPartFiles(directory))
        {
            if (new FileInfo(file).Length == 0)
                continue;
            using var reader = ParquetFileReader.Open(file);
            return reader.Schema;
        }
        return null;
    }
}
