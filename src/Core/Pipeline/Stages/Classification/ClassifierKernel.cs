namespace Ember.Pipeline;

/// <summary>
/// The transform of Spark's (probabilistic) classifiers, shared by every model: raw =
/// predictRaw(features); probability = raw2probability(raw); prediction = raw2prediction(raw)
/// when raw is enabled, else probability2prediction(probability) when probability is enabled,
/// else predict(features). Models supply the math; this runs it per row into the frame without
/// allocating (raw and probability are written straight into their output vectors).
/// </summary>
public abstract class ClassifierKernel : Kernel
{
    protected ClassifierKernel(ClassifierSlots slots, double[]? thresholds)
    {
        Slots = slots;
        Thresholds = thresholds;
    }

    protected ClassifierSlots Slots { get; }

    /// <summary>The thresholds param when defined (one per class), else null.</summary>
    protected double[]? Thresholds { get; }

    protected int NumClasses => Slots.NumClasses;

    /// <summary>Writes the raw prediction (numClasses values) for one row.</summary>
    protected abstract void PredictRaw(in VectorView features, Span<double> raw);

    /// <summary>
    /// Checks a features vector before predictRaw where Spark's model refuses some values
    /// (NaiveBayes: negative or non-binary values); returns the message and the offending value
    /// rendered, or null when the vector is fine.
    /// </summary>
    protected virtual string? CheckFeatures(in VectorView features, out string? value)
    {
        value = null;
        return null;
    }

    /// <summary>raw2probabilityInPlace; returns an error message when Spark would throw, else null.</summary>
    protected abstract string? RawToProbabilityInPlace(Span<double> values);

    /// <summary>raw2prediction: argmax(raw), or via probability when thresholds are defined.</summary>
    protected virtual double RawToPrediction(ReadOnlySpan<double> raw, Span<double> scratch)
    {
        if (Thresholds is null)
            return ClassifierOutputs.Argmax(raw);
        raw.CopyTo(scratch);
        return RawToProbabilityInPlace(scratch) is null ? ProbabilityToPrediction(scratch) : double.NaN;
    }

    /// <summary>probability2prediction: argmax, or the thresholds rule.</summary>
    protected virtual double ProbabilityToPrediction(ReadOnlySpan<double> probability) =>
        Thresholds is null ? ClassifierOutputs.Argmax(probability) : ClassifierOutputs.ArgmaxScaled(probability, Thresholds);

    /// <summary>predict(features) when neither raw nor probability is output (same as raw2prediction(predictRaw) unless a model overrides).</summary>
    protected virtual double PredictFromFeatures(in VectorView features, Span<double> raw, Span<double> scratch)
    {
        PredictRaw(features, raw);
        return RawToPrediction(raw, scratch);
    }

    public sealed override void Execute(Frame frame)
    {
        var features = frame.Column<VectorColumn>(Slots.Features);
        var rawColumn = Slots.Raw >= 0 ? frame.Column<VectorColumn>(Slots.Raw) : null;
        var probColumn = Slots.Probability >= 0 ? frame.Column<VectorColumn>(Slots.Probability) : null;
        var predColumn = Slots.Prediction >= 0 ? frame.Column<DoubleColumn>(Slots.Prediction) : null;
        int k = NumClasses;
        // Class counts are small; very wide outputs (thousands of classes) fall back to the heap once per batch.
        Span<double> rawScratch = k <= 256 ? stackalloc double[k] : new double[k];
        Span<double> scratch = k <= 256 ? stackalloc double[k] : new double[k];
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r) || !Predictors.TryGetFeatures(frame, r, features, Slots.FeaturesName, Slots.NumFeatures, Stage, out var x))
                continue;
            if (CheckFeatures(x, out var badValue) is { } problem)
            {
                frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, Slots.FeaturesName, Stage, problem, badValue));
                continue;
            }
            if (rawColumn is null && probColumn is null)
            {
                double p = PredictFromFeatures(x, rawScratch, scratch);
                if (double.IsNaN(p))
                    FailProbability(frame, r, rawScratch);
                else
                    predColumn?.Set(r, p);
                continue;
            }
            Span<double> raw = rawColumn is not null ? rawColumn.AppendDense(r, k) : rawScratch;
            PredictRaw(x, raw);
            if (probColumn is not null)
            {
                var prob = probColumn.AppendDense(r, k);
                raw.CopyTo(prob);
                if (RawToProbabilityInPlace(prob) is { } error)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, Slots.FeaturesName, Stage, error));
                    continue;
                }
                predColumn?.Set(r, rawColumn is not null ? RawToPrediction(raw, scratch) : ProbabilityToPrediction(prob));
            }
            else if (predColumn is not null)
            {
                double p = RawToPrediction(raw, scratch);
                if (double.IsNaN(p))
                    FailProbability(frame, r, raw);
                else
                    predColumn.Set(r, p);
            }
        }
    }

    private void FailProbability(Frame frame, int r, Span<double> raw)
    {
        frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, Slots.FeaturesName, Stage,
            RawToProbabilityInPlace(raw) ?? "the raw prediction cannot be turned into probabilities."));
    }
}
