namespace Ember.Pipeline;

/// <summary>
/// A pipeline that cannot be built: an input type a stage refuses, a column that already exists,
/// a size that disagrees... Names the stage and the column. Raised at load, never per request.
/// </summary>
public sealed class PipelineCompileException : Exception
{
    public PipelineCompileException(string stage, string? column, string message)
        : base(column is null ? $"{stage}: {message}" : $"{stage}: column '{column}': {message}")
    {
        Stage = stage;
        Column = column;
    }

    public string Stage { get; }

    public string? Column { get; }
}
