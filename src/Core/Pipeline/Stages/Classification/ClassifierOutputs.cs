namespace Ember.Pipeline;

/// <summary>
/// The output columns of a Spark classifier and their slots: rawPrediction and probability
/// (vectors of numClasses, either may be disabled with ""), prediction (double with a nominal
/// attribute of numClasses values). Follows ClassificationModel / ProbabilisticClassificationModel.
/// </summary>
public sealed record ClassifierSlots(
    string FeaturesName,
    int Features,
    int NumFeatures,
    int NumClasses,
    int Raw,
    int Probability,
    int Prediction)
{
    public int[] Reads => [Features];

    public int[] Writes => new[] { Raw, Probability, Prediction }.Where(s => s >= 0).ToArray();

    public bool HasOutputs => Raw >= 0 || Probability >= 0 || Prediction >= 0;
}

public static class ClassifierOutputs
{
    /// <summary>
    /// Reads the features column and adds the enabled output columns (an empty name disables
    /// one, as in Spark), marking them as the predictor's outputs.
    /// </summary>
    public static ClassifierSlots Add(PipelineBuilder builder, string featuresCol, string rawPredictionCol,
        string probabilityCol, string predictionCol, int numClasses, int numFeatures)
    {
        var features = builder.Read(featuresCol, TypeSet.Vector, SparkType.Vector, numFeatures);
        var added = new List<ColumnInfo>();
        int Add(string name, SparkType type, MlAttribute? attr, VectorAttributes? vec)
        {
            if (string.IsNullOrEmpty(name))
                return -1;
            var c = builder.AddColumn(name, type, attr, vec);
            added.Add(c);
            return c.Slot;
        }
        int raw = Add(rawPredictionCol, SparkType.Vector, null, VectorAttributes.OfSize(numClasses));
        int prob = Add(probabilityCol, SparkType.Vector, null, VectorAttributes.OfSize(numClasses));
        int pred = Add(predictionCol, SparkType.Double, new MlAttribute(AttributeKind.Nominal, predictionCol, numClasses), null);
        if (added.Count > 0)
            builder.MarkPredictorOutputs(added.ToArray());
        return new ClassifierSlots(features.Name, features.Slot, numFeatures, numClasses, raw, prob, pred);
    }

    /// <summary>Spark's Vector.argmax: the first index of the maximum (strict &gt;); NaN never wins except at index 0.</summary>
    public static int Argmax(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
            return -1;
        int best = 0;
        double max = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > max)
            {
                max = values[i];
                best = i;
            }
        }
        return best;
    }

    /// <summary>
    /// ProbabilisticClassificationModel.probability2prediction with thresholds: the first index
    /// with the strictly largest p[i] / t[i] starting from −∞ (t = 0 gives +∞, or NaN when p = 0).
    /// </summary>
    public static int ArgmaxScaled(ReadOnlySpan<double> probability, ReadOnlySpan<double> thresholds)
    {
        int best = 0;
        double max = double.NegativeInfinity;
        for (int i = 0; i < probability.Length; i++)
        {
            double scaled = probability[i] / thresholds[i];
            if (scaled > max)
            {
                max = scaled;
                best = i;
            }
        }
        return best;
    }
}
