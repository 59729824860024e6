namespace Ember.Parquet;

/// <summary>
/// A Parquet file could not be read or written. The message names the file, the column path when
/// known, and the problem, e.g. "x.parquet: column 'a.b': page header at offset 1234 declares ...".
/// </summary>
public sealed class ParquetException : Exception
{
    public ParquetException(string file, string? column, string problem, Exception? inner = null)
        : base(Format(file, column, problem), inner)
    {
        File = file;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (display name) the problem is in.</summary>
    public string File { get; }

    /// <summary>The dotted column path, or null when the problem is not in one column.</summary>
    public string? Column { get; }

    /// <summary>The problem alone, without file and column.</summary>
    public string Problem { get; }

    private static string Format(string file, string? column, string problem)
        => column is null ? $"{file}: {problem}" : $"{file}: column '{column}': {problem}";
}

/// <summary>
/// Raised deep inside decoders, where the file and column are not known; the column reader adds
/// them and rethrows a <see cref="ParquetException"/>.
/// </summary>
internal sealed class ParquetDataException(string problem) : Exception(problem);
