namespace Ember.Monitoring;

/// <summary>One row of a training sample: values aligned with the columns asked for, or why it could not be read.</summary>
/// <param name="Values">One value per requested column (null = missing/null).</param>
/// <param name="Problem">Why the row is rejected (names the line and column), or null.</param>
internal readonly record struct SampleRow(object?[] Values, string? Problem);

/// <summary>A column the baseline needs from the sample, with the type its values parse as.</summary>
internal readonly record struct SampleColumn(string Name, Pipeline.SparkType Type);

/// <summary>Opens a training sample by its extension: .parquet (file or Spark folder of part files), .csv, .jsonl / .json.</summary>
internal static class SampleFile
{
    /// <exception cref="FormatException">Unknown format or a column missing from the sample; the message names the file.</exception>
    public static IEnumerable<SampleRow> Read(string path, IReadOnlyList<SampleColumn> columns)
    {
        if (Directory.Exists(path))
            return ParquetSampleReader.Read(path, columns);
        if (!File.Exists(path))
            throw new FileNotFoundException($"the baseline sample '{path}' does not exist", path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".parquet" => ParquetSampleReader.Read(path, columns),
            ".csv" => CsvSampleReader.Read(path, columns),
            ".jsonl" or ".json" or ".ndjson" => JsonLinesSampleReader.Read(path, columns),
            _ => throw new FormatException($"'{path}': the baseline sample must be .parquet (or a folder of them), .csv or .jsonl, not '{ext}'"),
        };
    }

    public static FormatException Missing(string file, string column, IEnumerable<string> available) =>
        new($"'{file}' has no column '{column}', which the model reads (columns: {string.Join(", ", available.Take(50))})");
}
