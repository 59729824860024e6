namespace Ember.Pipeline;

/// <summary>Where a row of a frame stands after the kernels that have run so far.</summary>
public enum RowState : byte
{
    Ok = 0,
    /// <summary>Removed by handleInvalid = skip (Spark drops it); the reason is kept.</summary>
    Skipped = 1,
    /// <summary>Refused (Spark would fail the job); the error is kept, later stages ignore the row.</summary>
    Failed = 2,
}
