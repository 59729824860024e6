namespace Ember.Pipeline;

/// <summary>
/// Binomial LogisticRegressionModel: m = dot(x, coefficients) + intercept, raw = [−m, m]. Every
/// prediction path uses the effective threshold t with a strict '&gt;': raw[1] &gt; log(t/(1−t))
/// (±∞ at t = 0 or 1), p[1] &gt; t, σ(m) &gt; t. Probability: 3.1+ (SPARK-32455) p0 = σ(−m),
/// p1 = 1 − p0; before, each raw value through σ.
/// </summary>
internal sealed class BinomialLogisticKernel : ClassifierKernel
{
    private readonly double[] _coefficients;
    private readonly int[]? _indices;
    private readonly double _intercept;
    private readonly double _threshold;
    private readonly double _rawThreshold;
    private readonly BlasFlavor _flavor;
    private readonly bool _oneMinus;

    public BinomialLogisticKernel(ClassifierSlots slots, SparkMatrix coefficientMatrix, double intercept, double threshold, BlasFlavor flavor, bool oneMinus)
        : base(slots, null)
    {
        // Spark's coefficients vector: the values of a dense row, or the CSR row as a sparse vector.
        if (coefficientMatrix.IsSparse)
        {
            _indices = coefficientMatrix.RowIndices!;
            _coefficients = coefficientMatrix.Values;
        }
        else
        {
            _coefficients = coefficientMatrix.Values;
        }
        _intercept = intercept;
        _threshold = threshold;
        _rawThreshold = threshold == 0.0 ? double.NegativeInfinity
            : threshold == 1.0 ? double.PositiveInfinity
            : Math.Log(threshold / (1.0 - threshold));
        _flavor = flavor;
        _oneMinus = oneMinus;
    }

    private double Margin(in VectorView x)
    {
        double dot;
        if (_indices is null)
            dot = Blas.Dot(x, _coefficients, _flavor);
        else if (x.IsDense)
            dot = Blas.DotSparseDense(_indices, _coefficients, x.Values);
        else
            dot = Blas.DotSparseSparse(x.Indices, x.Values, _indices, _coefficients);
        return dot + _intercept;
    }

    protected override void PredictRaw(in VectorView features, Span<double> raw)
    {
        double m = Margin(features);
        raw[0] = -m;
        raw[1] = m;
    }

    protected override string? RawToProbabilityInPlace(Span<double> values)
    {
        values[0] = SparkSoftmax.Sigmoid(values[0]);
        values[1] = _oneMinus ? 1.0 - values[0] : SparkSoftmax.Sigmoid(values[1]);
        return null;
    }

    protected override double RawToPrediction(ReadOnlySpan<double> raw, Span<double> scratch) => raw[1] > _rawThreshold ? 1.0 : 0.0;

    protected override double ProbabilityToPrediction(ReadOnlySpan<double> probability) => probability[1] > _threshold ? 1.0 : 0.0;

    protected override double PredictFromFeatures(in VectorView features, Span<double> raw, Span<double> scratch) =>
        SparkSoftmax.Sigmoid(Margin(features)) > _threshold ? 1.0 : 0.0;
}

/// <summary>
/// Multinomial LogisticRegressionModel: raw = interceptVector + coefficientMatrix·x (Spark's
/// gemv order for the saved layout); probability: Utils.softmax from 3.2 (SPARK-35678), the
/// argmax-shifted form with a 1/sum scale before.
/// </summary>
internal sealed class MultinomialLogisticKernel(
    ClassifierSlots slots, double[]? thresholds, SparkMatrix coefficients, double[] intercepts, BlasFlavor flavor, bool utilsSoftmax)
    : ClassifierKernel(slots, thresholds)
{
    protected override void PredictRaw(in VectorView features, Span<double> raw)
    {
        intercepts.CopyTo(raw);
        SparkGemv.Apply(coefficients, features, raw, accumulate: true, flavor);
    }

    protected override string? RawToProbabilityInPlace(Span<double> values)
    {
        if (utilsSoftmax)
            SparkSoftmax.Utils(values);
        else
            SparkSoftmax.LogisticRegression2(values);
        return null;
    }
}
