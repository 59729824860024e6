using Ember.Monitoring;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class QuantileSketchTests
{
    [Fact]
    public void Merge_IsAssociativeAndCommutative_ExactCounts()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            var (a, b, c) = (Random(rng), Random(rng), Random(rng));
            var left = Merge(Merge(a, b), c);
            var right = Merge(a, Merge(b, c));
            var swapped = Merge(Merge(c, a), b);
            if (!left.SameCounts(right) || !left.SameCounts(swapped))
                throw new InvalidOperationException($"seed {seed}: (a+b)+c differs from a+(b+c) or (c+a)+b");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public void IndexOf_IsMonotoneInValue()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue - 1)), (int seed) =>
        {
            var rng = new Random(seed);
            double a = Value(rng), b = Value(rng);
            if (a > b) (a, b) = (b, a);
            if (QuantileSketch.IndexOf(a) > QuantileSketch.IndexOf(b))
                throw new InvalidOperationException($"seed {seed}: {a} maps above {b}");
            int i = QuantileSketch.IndexOf(a);
            if (a != 0 && Math.Abs(a) >= Math.ScaleB(1, QuantileSketch.MinExponent) && Math.Abs(a) < Math.ScaleB(1, QuantileSketch.MinExponent + QuantileSketch.Octaves)
                && !(QuantileSketch.LowerBound(i) <= a && a <= QuantileSketch.UpperBound(i)))
                throw new InvalidOperationException($"seed {seed}: {a} is not inside its bucket [{QuantileSketch.LowerBound(i)}, {QuantileSketch.UpperBound(i)}]");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Quantile_IsWithinBucketAccuracyOfExactQuantile()
    {
        var rng = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(rng.NextDouble() * 10) * (rng.Next(4) == 0 ? -1 : 1)).ToArray();
        var sketch = new QuantileSketch();
        foreach (var v in values) sketch.Add(v);
        Array.Sort(values);
        foreach (double q in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            double exact = values[(int)Math.Ceiling(q * values.Length) - 1];
            double estimate = sketch.Quantile(q);
            Assert.True(Math.Abs(estimate - exact) <= Math.Abs(exact) / 16, $"q={q}: estimate {estimate}, exact {exact}");
        }
    }

    [Fact]
    public void Add_SpecialValues_ZeroNegativeInfinityNaN()
    {
        var sketch = new QuantileSketch();
        sketch.Add(0.0);
        sketch.Add(-0.0);
        sketch.Add(1e-300);
        sketch.Add(double.PositiveInfinity);
        sketch.Add(double.NegativeInfinity);
        sketch.Add(double.NaN);
        Assert.Equal(5, sketch.Total);
        Assert.Equal(3, sketch.Counts[QuantileSketch.ZeroIndex]);
        Assert.Equal(1, sketch.Counts[0]);
        Assert.Equal(1, sketch.Counts[QuantileSketch.BucketCount - 1]);
        Assert.Equal(0.0, sketch.Quantile(0.5));
    }

    [Fact]
    public void AddToBucket_OffTheGrid_IsRefused()
    {
        var sketch = new QuantileSketch();
        Assert.Throws<FormatException>(() => sketch.AddToBucket(QuantileSketch.BucketCount, 1));
        Assert.Throws<FormatException>(() => sketch.AddToBucket(3, -1));
    }

    private static QuantileSketch Random(Random rng)
    {
        var s = new QuantileSketch();
        int n = rng.Next(0, 300);
        for (int i = 0; i < n; i++)
            s.Add(Value(rng));
        return s;
    }

    private static double Value(Random rng) => rng.Next(10) switch
    {
        0 => 0.0,
        1 => rng.Next(-5, 5),
        2 => double.PositiveInfinity,
        _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-15, 20)),
    };

    private static QuantileSketch Merge(QuantileSketch a, QuantileSketch b)
    {
        var m = new QuantileSketch();
        m.Merge(a);
        m.Merge(b);
        return m;
    }
}
