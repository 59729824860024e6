using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// NaiveBayesModel.predictRaw / raw2probabilityInPlace per modelType and saving version:
/// <list type="bullet">
/// <item>multinomial: 3.0+ refuses negative values and computes raw = pi + theta·x (gemv seeded
/// with pi); 2.x computes theta·x then adds pi, unchecked.</item>
/// <item>bernoulli: non-zero values must be 1.0; 3.0+ raw = (pi + log1p(−exp θ)·1) + (θ −
/// log1p(−exp θ))·x; 2.x raw = ((θ − log(1 − exp θ))·x + pi) + log(1 − exp θ)·1 (SPARK-30700 order).</item>
/// <item>complement (3.0+): s = theta·x, raw = s − (log Σ exp(s − max) + max).</item>
/// <item>gaussian (3.0+): raw_i = pi_i − (Σ_j (x_j − θ_ij)² / σ_ij + Σ_j log σ_ij) / 2.</item>
/// <item>probability: Utils.softmax from 3.2, exp(v − max) / Σ before.</item>
/// </list>
/// theta.map touches stored values only, so a sparse theta keeps its implicit zeros (as in Spark).
/// </summary>
internal sealed class NaiveBayesKernel : ClassifierKernel
{
    private readonly string _modelType;
    private readonly bool _v3;
    private readonly bool _utilsSoftmax;
    private readonly BlasFlavor _flavor;
    private readonly double[] _pi;
    private readonly SparkMatrix _theta;
    // Bernoulli: theta − log(1 − exp θ) and the per-class constant (3.x: pi + Σ negTheta; 2.x: Σ negTheta).
    private readonly SparkMatrix? _thetaMinusNegTheta;
    private readonly double[]? _bernoulliConstant;
    // Gaussian: row-major means and variances, Σ_j log σ_ij.
    private readonly double[]? _means;
    private readonly double[]? _variances;
    private readonly double[]? _logVarSum;

    public NaiveBayesKernel(ClassifierSlots slots, NaiveBayesModel model)
        : base(slots, model.Thresholds)
    {
        _modelType = model.ModelType;
        _v3 = model.Info.Version.AtLeast(3, 0);
        _utilsSoftmax = model.Info.Version.AtLeast(3, 2);
        _flavor = BlasFlavors.For(model.Info.Version);
        _pi = model.Pi.ToArray();
        _theta = model.Theta;
        if (_modelType == NaiveBayesModel.Bernoulli)
        {
            Func<double, double> negTheta = _v3 ? v => LogOnePlus(-Math.Exp(v)) : v => Math.Log(1.0 - Math.Exp(v));
            _thetaMinusNegTheta = Map(_theta, v => v - negTheta(v));
            var ones = new double[_theta.NumCols];
            Array.Fill(ones, 1.0);
            _bernoulliConstant = new double[_theta.NumRows];
            if (_v3)
                _pi.CopyTo(_bernoulliConstant, 0);
            SparkGemv.Apply(Map(_theta, negTheta), new VectorView(ones), _bernoulliConstant, accumulate: _v3, _flavor);
        }
        else if (_modelType == NaiveBayesModel.Gaussian)
        {
            var sigma = model.Sigma!;
            int k = _theta.NumRows, f = _theta.NumCols;
            _means = _theta.ToRowMajor();
            _variances = sigma.ToRowMajor();
            _logVarSum = new double[k];
            for (int i = 0; i < k; i++)
            {
                double s = 0.0;
                for (int j = 0; j < f; j++)
                    s += Math.Log(_variances[i * f + j]);
                _logVarSum[i] = s;
            }
        }
    }

    /// <summary>
    /// log(1 + y) without losing the low bits of y (Java's Math.log1p; .NET's LogP1 is log(y + 1)).
    /// Within an ulp of fdlibm's log1p, not bit-identical to it.
    /// </summary>
    private static double LogOnePlus(double y)
    {
        double u = 1.0 + y;
        return u == 1.0 ? y : Math.Log(u) * (y / (u - 1.0));
    }

    private static SparkMatrix Map(SparkMatrix m, Func<double, double> f)
    {
        var values = new double[m.Values.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = f(m.Values[i]);
        return new SparkMatrix(m.NumRows, m.NumCols, values, m.IsTransposed, m.ColPtrs, m.RowIndices);
    }

    protected override string? CheckFeatures(in VectorView features, out string? value)
    {
        value = null;
        bool bernoulli = _modelType == NaiveBayesModel.Bernoulli;
        if (!bernoulli && !(_v3 && _modelType is NaiveBayesModel.Multinomial or NaiveBayesModel.Complement))
            return null;
        var values = features.Values;
        for (int k = 0; k < values.Length; k++)
        {
            double v = values[k];
            if (v == 0.0 || (bernoulli ? v == 1.0 : v > 0.0))
                continue;
            value = $"{v.ToString("R", CultureInfo.InvariantCulture)} at index {features.IndexAt(k)}";
            return bernoulli
                ? "Bernoulli naive Bayes requires 0 or 1 feature values."
                : "Naive Bayes requires nonnegative feature values.";
        }
        return null;
    }

    protected override void PredictRaw(in VectorView features, Span<double> raw)
    {
        switch (_modelType)
        {
            case NaiveBayesModel.Multinomial:
                if (_v3)
                {
                    _pi.CopyTo(raw);
                    SparkGemv.Apply(_theta, features, raw, accumulate: true, _flavor);
                }
                else
                {
                    SparkGemv.Apply(_theta, features, raw, accumulate: false, _flavor);
                    AddInPlace(raw, _pi);
                }
                break;
            case NaiveBayesModel.Bernoulli:
                if (_v3)
                {
                    _bernoulliConstant!.CopyTo(raw);
                    SparkGemv.Apply(_thetaMinusNegTheta!, features, raw, accumulate: true, _flavor);
                }
                else
                {
                    SparkGemv.Apply(_thetaMinusNegTheta!, features, raw, accumulate: false, _flavor);
                    AddInPlace(raw, _pi);
                    AddInPlace(raw, _bernoulliConstant!);
                }
                break;
            case NaiveBayesModel.Complement:
                Complement(features, raw);
                break;
            default:
                Gaussian(features, raw);
                break;
        }
    }

    // BLAS.axpy(1.0, x, y): y += 1.0 * x.
    private static void AddInPlace(Span<double> y, ReadOnlySpan<double> x)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] += x[i];
    }

    private void Complement(in VectorView features, Span<double> raw)
    {
        SparkGemv.Apply(_theta, features, raw, accumulate: false, _flavor);
        double max = raw[0];
        for (int j = 1; j < raw.Length; j++)
            max = Math.Max(max, raw[j]);
        double sumExp = 0.0;
        for (int j = 0; j < raw.Length; j++)
            sumExp += Math.Exp(raw[j] - max);
        double logSumExp = Math.Log(sumExp) + max;
        for (int j = 0; j < raw.Length; j++)
            raw[j] -= logSumExp;
    }

    private void Gaussian(in VectorView features, Span<double> raw)
    {
        int f = _theta.NumCols;
        var means = _means!;
        var variances = _variances!;
        var values = features.Values;
        var indices = features.Indices;
        for (int i = 0; i < raw.Length; i++)
        {
            double s = 0.0;
            int cursor = 0;
            for (int j = 0; j < f; j++)
            {
                double xj;
                if (features.IsDense)
                {
                    xj = values[j];
                }
                else
                {
                    while (cursor < indices.Length && indices[cursor] < j)
                        cursor++;
                    xj = cursor < indices.Length && indices[cursor] == j ? values[cursor] : 0.0;
                }
                double d = xj - means[i * f + j];
                s += d * d / variances[i * f + j];
            }
            raw[i] = _pi[i] - (s + _logVarSum![i]) / 2;
        }
    }

    protected override string? RawToProbabilityInPlace(Span<double> values)
    {
        if (_utilsSoftmax)
            SparkSoftmax.Utils(values);
        else
            SparkSoftmax.ShiftByMax(values);
        return null;
    }
}
