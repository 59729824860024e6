namespace Ember.Pipeline;

/// <summary>Why a row, a request or a model was refused. The API maps each code to one HTTP status.</summary>
public enum ErrorCode
{
    /// <summary>An input column the pipeline reads is absent.</summary>
    MissingColumn,
    /// <summary>A value cannot be read as the column's type.</summary>
    WrongType,
    /// <summary>A null where the stage refuses nulls (handleInvalid = error, or a stage that never accepts them).</summary>
    NullValue,
    /// <summary>A NaN or otherwise invalid value refused by a stage.</summary>
    InvalidValue,
    /// <summary>A label or category the model never saw (handleInvalid = error).</summary>
    UnseenValue,
    /// <summary>A value outside the range a stage accepts (Bucketizer bounds, negative category...).</summary>
    OutOfRange,
    /// <summary>A vector of the wrong size.</summary>
    VectorSizeMismatch,
    /// <summary>A row removed by handleInvalid = skip (a reason, not an error).</summary>
    Skipped,
}
