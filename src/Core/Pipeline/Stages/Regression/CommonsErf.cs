namespace Ember.Pipeline;

/// <summary>
/// The standard normal CDF as Spark's probit link computes it: Breeze's Gaussian(0, 1).cdf(x) =
/// 0.5 · (1 + erf(x / √2)), where Breeze's erf is Apache Commons Math 3's Erf.erf: the regularized
/// gamma function P(1/2, x²) by its series (x² &lt; 1.5) or 1 − Q by a Lentz continued fraction,
/// tolerance 1e−15. Restated from commons-math3 Erf, Gamma and ContinuedFraction. Commons Math
/// evaluates exp/log with its own FastMath; .NET's Math may differ in the last bit.
/// </summary>
internal static class CommonsErf
{
    private const double Tolerance = 1e-15;
    private const int MaxIterations = 10000;

    /// <summary>ln Γ(1/2) = ln √π.</summary>
    private const double LogGammaHalf = 0.5723649429247001;

    private static readonly double Sqrt2 = Math.Sqrt(2.0);

    public static double StandardNormalCdf(double x) => 0.5 * (1 + Erf((x - 0.0) / (Sqrt2 * 1.0)));

    public static double Erf(double x)
    {
        if (Math.Abs(x) > 40)
            return x > 0 ? 1 : -1;
        double ret = RegularizedGammaP(x * x);
        return x < 0 ? -ret : ret;
    }

    /// <summary>P(a = 1/2, x).</summary>
    private static double RegularizedGammaP(double x)
    {
        const double a = 0.5;
        if (double.IsNaN(x) || x < 0.0)
            return double.NaN;
        if (x == 0.0)
            return 0.0;
        if (x >= a + 1)
            return 1.0 - RegularizedGammaQ(x);
        double n = 0.0, an = 1.0 / a, sum = an;
        while (Math.Abs(an / sum) > Tolerance && n < MaxIterations && sum < double.PositiveInfinity)
        {
            n += 1.0;
            an *= x / (a + n);
            sum += an;
        }
        if (n >= MaxIterations)
            return double.NaN;
        return double.IsInfinity(sum) ? 1.0 : Math.Exp(-x + (a * Math.Log(x)) - LogGammaHalf) * sum;
    }

    /// <summary>Q(a = 1/2, x) for x ≥ a + 1.</summary>
    private static double RegularizedGammaQ(double x)
    {
        const double a = 0.5;
        if (x == 0.0)
            return 1.0;
        double ret = 1.0 / ContinuedFraction(x);
        return Math.Exp(-x + (a * Math.Log(x)) - LogGammaHalf) * ret;
    }

    /// <summary>Commons Math's ContinuedFraction.evaluate (modified Lentz) with a_n = 2n + 1 − a + x, b_n = n(a − n).</summary>
    private static double ContinuedFraction(double x)
    {
        const double a = 0.5;
        const double small = 1e-50;
        double hPrev = ((2.0 * 0) + 1.0) - a + x;
        if (Math.Abs(hPrev) <= small)
            hPrev = small;
        int n = 1;
        double dPrev = 0.0, cPrev = hPrev, hN = hPrev;
        while (n < MaxIterations)
        {
            double an = ((2.0 * n) + 1.0) - a + x;
            double bn = n * (a - n);
            double dN = an + bn * dPrev;
            if (Math.Abs(dN) <= small)
                dN = small;
            double cN = an + bn / cPrev;
            if (Math.Abs(cN) <= small)
                cN = small;
            dN = 1 / dN;
            double deltaN = cN * dN;
            hN = hPrev * deltaN;
            if (double.IsInfinity(hN) || double.IsNaN(hN))
                return double.NaN;
            if (Math.Abs(deltaN - 1.0) < Tolerance)
                break;
            dPrev = dN;
            cPrev = cN;
            hPrev = hN;
            n++;
        }
        return hN;
    }
}
