using System.Numerics;
using System.Runtime.CompilerServices;
using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// Count, mean and variance, exact min and max, and a <see cref="QuantileSketch"/> of a numeric
/// column. Adding a value allocates nothing and divides nothing: sums of (x − K) and (x − K)²
/// around a shift K (the first value) keep the variance accurate when the mean is far from 0,
/// without Welford's division per value, which chains from row to row and costs more than the
/// rest of the profile. Merging converts to mean and M2 and uses Chan's formula.
/// </summary>
internal sealed class NumericAccumulator
{
    private bool _shifted;
    private double _shift;
    private double _sum;     // Σ (x − K)
    private double _sumSq;   // Σ (x − K)²

    public QuantileSketch Sketch { get; } = new();

    public long NaN { get; private set; }

    /// <summary>Finite values: the weight of the moments.</summary>
    public long Finite { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Mean => Finite == 0 ? double.NaN : _shift + _sum / Finite;

    public double Variance => Finite < 2 ? (Finite == 1 ? 0.0 : double.NaN) : M2 / (Finite - 1);

    private double M2 => Finite == 0 ? 0 : Math.Max(0, _sumSq - _sum * _sum / Finite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            NaN++;
            return;
        }
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        Sketch.Add(value);
        if (!double.IsFinite(value))
            return; // ±∞ sits in the sketch's end buckets and in min/max, not in the moments
        if (!_shifted)
        {
            _shift = value;
            _shifted = true;
        }
        double d = value - _shift;
        _sum += d;
        _sumSq += d * d;
        Finite++;
    }

    /// <summary>
    /// Adds rows [0, <paramref name="rows"/>) of a column (skipping rows whose state is not Ok when
    /// <paramref name="states"/> is given): the per-row loop of profiling, with every running
    /// statistic in locals so the loop only writes the sketch's bucket.
    /// </summary>
    /// <returns>Rows seen, nulls among them, and values outside [<paramref name="low"/>, <paramref name="high"/>].</returns>
    public (long Seen, long Nulls, long OutOfRange) AddRows<T>(T[] values, bool[] nulls, int rows, RowState[]? states, double low, double high)
        where T : struct, INumberBase<T>
    {
        long seen = 0, nullCount = 0, outside = 0, nan = 0, finite = Finite, infinite = 0;
        double min = Min, max = Max, shift = _shift, sum = _sum, sumSq = _sumSq;
        bool shifted = _shifted;
        long[] buckets = Sketch.Buckets;
        for (int r = 0; r < rows; r++)
        {
            if (states is not null && states[r] != RowState.Ok) continue;
            seen++;
            if (nulls[r]) { nullCount++; continue; }
            double x = double.CreateTruncating(values[r]);
            if (double.IsNaN(x)) { nan++; continue; }
            if (x < low || x > high) outside++;
            if (x < min) min = x;
            if (x > max) max = x;
            buckets[QuantileSketch.IndexOf(x)]++;
            if (!double.IsFinite(x)) { infinite++; continue; }
            if (!shifted) { shift = x; shifted = true; }
            double d = x - shift;
            sum += d;
            sumSq += d * d;
        }
        long added = seen - nullCount - nan;
        Sketch.AddedToBuckets(added);
        Finite = finite + added - infinite;
        NaN += nan;
        (Min, Max, _shift, _sum, _sumSq, _shifted) = (min, max, shift, sum, sumSq, shifted);
        return (seen, nullCount, outside);
    }

    public void Merge(NumericAccumulator other) =>
        Combine(other.NaN, other.Finite, other.Finite == 0 ? 0 : other.Mean, other.M2, other.Min, other.Max, other.Sketch);

    public void Clear()
    {
        _shifted = false;
        _shift = _sum = _sumSq = 0;
        NaN = Finite = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        Sketch.Clear();
    }

    /// <summary>The profile as stored; a mean or variance that overflowed a double (values near ±1e308) is left out, not written as ∞.</summary>
    public NumericData ToData() => new(
        NaN,
        Finite,
        Finite == 0 || !double.IsFinite(Mean) ? null : Mean,
        Finite == 0 || !double.IsFinite(Variance) ? null : Variance,
        Sketch.Total == 0 ? null : Clamp(Min),
        Sketch.Total == 0 ? null : Clamp(Max),
        SketchCodec.ToData(Sketch));

    public static NumericAccumulator FromData(NumericData data, string column)
    {
        var result = new NumericAccumulator();
        var sketch = SketchCodec.FromData(data.Sketch, column);
        long finite = Math.Max(0, data.Finite);
        double variance = data.Variance ?? 0;
        result.Combine(Math.Max(0, data.NaN), finite, data.Mean ?? 0, finite > 1 ? variance * (finite - 1) : 0,
            data.Min ?? double.PositiveInfinity, data.Max ?? double.NegativeInfinity, sketch);
        return result;
    }

    private void Combine(long nan, long finite, double mean, double m2, double min, double max, QuantileSketch sketch)
    {
        NaN += nan;
        if (min < Min) Min = min;
        if (max > Max) Max = max;
        Sketch.Merge(sketch);
        if (finite == 0)
            return;
        // Chan et al.: combine (n, mean, M2) of both sides, then store around the new mean as shift.
        long n = Finite + finite;
        double ownMean = Finite == 0 ? 0 : Mean;
        double delta = mean - ownMean;
        double combinedMean = ownMean + delta * finite / n;
        double combinedM2 = M2 + m2 + delta * delta * ((double)Finite * finite / n);
        _shift = combinedMean;
        _shifted = true;
        _sum = 0;
        _sumSq = combinedM2;
        Finite = n;
    }

    // JSON has no infinities: an infinite input reads as the largest double of its sign.
    private static double Clamp(double v) => double.IsPositiveInfinity(v) ? double.MaxValue : double.IsNegativeInfinity(v) ? double.MinValue : v;
}
