namespace Ember.Batch;

/// <summary>What the runner does with a row the pipeline refuses (or whose cells cannot be read).</summary>
public enum OnErrorPolicy
{
    /// <summary>The job fails at the first bad row, naming its line and column; nothing is written.</summary>
    Fail,
    /// <summary>Bad rows are left out of the output and counted as failed in the summary.</summary>
    SkipRow,
    /// <summary>Bad rows are written with null outputs and the reason in the <c>_error</c> column.</summary>
    ErrorColumn,
}
