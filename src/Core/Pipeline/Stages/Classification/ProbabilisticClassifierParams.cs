using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// The checks Spark applies to the thresholds param of a probabilistic classifier: the param's
/// validator (every value ≥ 0, at most one 0) and transform's "thresholds.length == numClasses".
/// </summary>
public static class ProbabilisticClassifierParams
{
    public static void Validate(PipelineBuilder builder, double[]? thresholds, int numClasses)
    {
        if (thresholds is null)
            return;
        int zeros = 0;
        foreach (double t in thresholds)
        {
            if (!(t >= 0))
                throw builder.Error(null, $"thresholds holds {t.ToString("R", CultureInfo.InvariantCulture)}; Spark requires every threshold to be >= 0.");
            if (t == 0)
                zeros++;
        }
        if (zeros > 1)
            throw builder.Error(null, "thresholds holds more than one 0; Spark allows at most one.");
        if (thresholds.Length != numClasses)
            throw builder.Error(null, $"thresholds has length {thresholds.Length} but the model has {numClasses} classes; Spark's transform refuses this.");
    }
}
