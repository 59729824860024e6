namespace Ember.Monitoring;

/// <summary>
/// The two drift measures, over the same bins of an expected (baseline) and an actual (live)
/// distribution given as counts.
/// </summary>
public static class DriftMeasures
{
    /// <summary>
    /// Floor for an empty bin's share in PSI: without it a bin empty on one side gives ln(0).
    /// 1e-4 keeps a bin that went from 0 to 1% at a contribution of ~0.05 rather than infinity.
    /// </summary>
    public const double PsiEpsilon = 1e-4;

    /// <summary>
    /// Population stability index: Σ (a − e) · ln(a / e) over bin shares, shares floored at
    /// <see cref="PsiEpsilon"/>. 0 for identical distributions; NaN when either side is empty.
    /// </summary>
    public static double PopulationStabilityIndex(ReadOnlySpan<double> expectedCounts, ReadOnlySpan<double> actualCounts)
    {
        if (expectedCounts.Length != actualCounts.Length)
            throw new ArgumentException("both distributions need the same bins");
        double te = Sum(expectedCounts), ta = Sum(actualCounts);
        if (te <= 0 || ta <= 0)
            return double.NaN;
        double psi = 0;
        for (int i = 0; i < expectedCounts.Length; i++)
        {
            double e = Math.Max(expectedCounts[i] / te, PsiEpsilon);
            double a = Math.Max(actualCounts[i] / ta, PsiEpsilon);
            psi += (a - e) * Math.Log(a / e);
        }
        return psi;
    }

    /// <summary>
    /// Jensen-Shannon distance: the square root of the JS divergence with base-2 logarithms, so it
    /// lies in [0, 1] (0 identical, 1 disjoint). Symmetric and finite even where a bin is empty on
    /// one side, which is why it suits categories that appear or vanish. NaN when either side is empty.
    /// </summary>
    public static double JensenShannonDistance(ReadOnlySpan<double> expectedCounts, ReadOnlySpan<double> actualCounts)
    {
        if (expectedCounts.Length != actualCounts.Length)
            throw new ArgumentException("both distributions need the same bins");
        double tp = Sum(expectedCounts), tq = Sum(actualCounts);
        if (tp <= 0 || tq <= 0)
            return double.NaN;
        double divergence = 0;
        for (int i = 0; i < expectedCounts.Length; i++)
        {
            double p = expectedCounts[i] / tp, q = actualCounts[i] / tq, m = (p + q) / 2;
            if (p > 0) divergence += 0.5 * p * Math.Log2(p / m);
            if (q > 0) divergence += 0.5 * q * Math.Log2(q / m);
        }
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (double v in values)
        {
            if (v < 0 || double.IsNaN(v))
                throw new ArgumentException("counts must be non-negative");
            s += v;
        }
        return s;
    }
}
