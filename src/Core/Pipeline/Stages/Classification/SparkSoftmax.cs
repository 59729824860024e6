namespace Ember.Pipeline;

/// <summary>
/// The softmax variants Spark's classifiers use, each restated from its source because they
/// round differently. Java's Math.exp is matched with .NET Math.Exp (both ≤ 1 ulp; reference §9.3).
/// </summary>
public static class SparkSoftmax
{
    /// <summary>
    /// ml.impl.Utils.softmax (Spark 3.2+, LogisticRegression and NaiveBayes): max from
    /// Double.MinValue with '&gt;'; the first +∞ makes a one-hot vector (the others scaled by 0.0,
    /// as BLAS dscal does); else exp(v − max), summed in order, each divided by the sum.
    /// </summary>
    public static void Utils(Span<double> values)
    {
        double max = double.MinValue;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsPositiveInfinity(v))
            {
                for (int j = 0; j < values.Length; j++)
                    values[j] *= 0.0;
                values[i] = 1.0;
                return;
            }
            if (v > max)
                max = v;
        }
        double sum = 0.0;
        for (int i = 0; i < values.Length; i++)
        {
            double e = Math.Exp(values[i] - max);
            values[i] = e;
            sum += e;
        }
        for (int i = 0; i < values.Length; i++)
            values[i] /= sum;
    }

    /// <summary>
    /// LogisticRegressionModel multinomial before 3.2: the max is raw[argmax]; +∞ gives one-hot at
    /// the argmax; else exp(v − max) when max &gt; 0, otherwise exp(v) unshifted; then every value
    /// is multiplied by 1 / sum (BLAS.scal).
    /// </summary>
    public static void LogisticRegression2(Span<double> values)
    {
        int argmax = ClassifierOutputs.Argmax(values);
        double max = values[argmax];
        if (double.IsPositiveInfinity(max))
        {
            for (int k = 0; k < values.Length; k++)
                values[k] = k == argmax ? 1.0 : 0.0;
            return;
        }
        double sum = 0.0;
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = max > 0 ? Math.Exp(values[k] - max) : Math.Exp(values[k]);
            sum += values[k];
        }
        double scale = 1 / sum;
        for (int k = 0; k < values.Length; k++)
            values[k] = scale * values[k];
    }

    /// <summary>
    /// NaiveBayesModel before 3.2 and the MLP softmax layer: max over the values (Scala's
    /// Array.max for NaiveBayes, a '&gt;' scan from Double.MinValue for the MLP — equal for
    /// NaN-free input), exp(v − max), the sum in order, each divided by the sum.
    /// </summary>
    public static void ShiftByMax(Span<double> values)
    {
        double max = double.MinValue;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] > max)
                max = values[i];
        }
        double sum = 0.0;
        for (int i = 0; i < values.Length; i++)
        {
            double e = Math.Exp(values[i] - max);
            values[i] = e;
            sum += e;
        }
        for (int i = 0; i < values.Length; i++)
            values[i] /= sum;
    }

    /// <summary>1 / (1 + exp(−x)), as Spark writes its sigmoid everywhere.</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
