namespace Ember.Pipeline;

/// <summary>Checks shared by every predictor's features column.</summary>
public static class Predictors
{
    /// <summary>
    /// The features vector of a row, or false after failing the row: a null vector (Spark throws
    /// in the UDF) or a size other than the model's numFeatures (Spark's BLAS requires equal sizes).
    /// </summary>
    public static bool TryGetFeatures(Frame frame, int row, VectorColumn column, string name, int numFeatures, string stage, out VectorView features)
    {
        if (column.IsNull(row))
        {
            features = default;
            frame.Fail(row, new ScoreError(ErrorCode.NullValue, name, stage, "features vector is null."));
            return false;
        }
        features = column.Get(row);
        if (numFeatures >= 0 && features.Size != numFeatures)
        {
            frame.Fail(row, new ScoreError(ErrorCode.VectorSizeMismatch, name, stage,
                $"features vector has size {features.Size} but the model was trained on {numFeatures} features."));
            return false;
        }
        return true;
    }
}
