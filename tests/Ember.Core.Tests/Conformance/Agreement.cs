using Xunit;
namespace Ember.Core.Tests.Conformance;

/// <summary>
/// Compares Ember's doubles with Spark's printed ones and keeps score: how many agree to the bit,
/// the largest distance in ULP, and every disagreement beyond the allowance (with its context).
/// </summary>
internal sealed class Agreement(long maxUlps)
{
    private readonly List<string> _failures = [];

    public int Compared { get; private set; }

    public int BitExact { get; private set; }

    public long WorstUlps { get; private set; }

    public void Check(double expected, double actual, string context)
    {
        Compared++;
        if (expected.Equals(actual))
        {
            BitExact++;
            return;
        }
        long ulps = UlpDistance(expected, actual);
        WorstUlps = Math.Max(WorstUlps, ulps);
        // Probabilities that are ~0 in Spark print as tiny numbers whose ULPs say nothing about accuracy.
        bool negligible = Math.Abs(expected - actual) <= 1e-300;
        if (ulps > maxUlps && !negligible && _failures.Count < 20)
            _failures.Add($"{context}: Spark {expected:R}, Ember {actual:R} ({ulps} ulp)");
    }

    public void Fail(string message)
    {
        Compared++;
        if (_failures.Count < 20)
            _failures.Add(message);
    }

    public void Equal<T>(T expected, T actual, string context)
    {
        Compared++;
        if (EqualityComparer<T>.Default.Equals(expected, actual))
            BitExact++;
        else if (_failures.Count < 20)
            _failures.Add($"{context}: Spark {expected}, Ember {actual}");
    }

    public string Summary => $"{Compared} values compared, {BitExact} bit-exact, worst {WorstUlps} ulp";

    public void AssertAll(string slug)
    {
        Assert.True(Compared > 0, $"{slug}: nothing was compared");
        Assert.True(_failures.Count == 0, $"{slug}: {Summary}; disagreements:\n{string.Join("\n", _failures)}");
    }

    private static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        long x = BitConverter.DoubleToInt64Bits(a), y = BitConverter.DoubleToInt64Bits(b);
        if (x < 0) x = long.MinValue - x;
        if (y < 0) y = long.MinValue - y;
        long d = x - y;
        return d < 0 ? (d == long.MinValue ? long.MaxValue : -d) : d;
    }
}
