using System.Runtime.CompilerServices;

namespace Ember.Monitoring;

/// <summary>
/// Count, mean and variance (Welford's update, Chan's merge), exact min and max, and a
/// <see cref="QuantileSketch"/> of a numeric column. Adding a value allocates nothing.
/// </summary>
internal sealed class NumericAccumulator
{
    private double _mean;
    private double _m2;

    public QuantileSketch Sketch { get; } = new();

    public long NaN { get; private set; }

    /// <summary>Finite values: the weight of the moments.</summary>
    public long Finite { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Mean => Finite == 0 ? double.NaN : _mean;

    public double Variance => Finite < 2 ? (Finite == 1 ? 0.0 : double.NaN) : _m2 / (Finite - 1);

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
        long n = ++Finite;
        double delta = value - _mean;
        _mean += delta / n;
        _m2 += delta * (value - _mean);
    }

    public void Merge(NumericAccumulator other) =>
        Combine(other.NaN, other.Finite, other._mean, other._m2, other.Min, other.Max, other.Sketch);

    public void Clear()
    {
        _mean = _m2 = 0;
        NaN = Finite = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        Sketch.Clear();
    }

    public NumericData ToData() => new(
        NaN,
        Finite,
        Finite == 0 ? null : _mean,
        Finite == 0 ? null : Variance,
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
        long n = Finite + finite;
        double delta = mean - _mean;
        _mean += delta * finite / n;
        _m2 += m2 + delta * delta * ((double)Finite * finite / n);
        Finite = n;
    }

    // JSON has no infinities: an infinite input reads as the largest double of its sign.
    private static double Clamp(double v) => double.IsPositiveInfinity(v) ? double.MaxValue : double.IsNegativeInfinity(v) ? double.MinValue : v;
}
