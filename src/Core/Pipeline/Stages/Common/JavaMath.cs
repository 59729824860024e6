namespace Ember.Pipeline;

/// <summary>Java's primitive conversions where C# differs.</summary>
public static class JavaMath
{
    /// <summary>Java's (int) of a double: truncation toward zero, NaN → 0, saturation at the int range.</summary>
    public static int DoubleToInt(double x) =>
        double.IsNaN(x) ? 0 : x >= int.MaxValue ? int.MaxValue : x <= int.MinValue ? int.MinValue : (int)x;

    /// <summary>Java's (long) of a double: truncation toward zero, NaN → 0, saturation at the long range.</summary>
    public static long DoubleToLong(double x) =>
        double.IsNaN(x) ? 0 : x >= long.MaxValue ? long.MaxValue : x <= long.MinValue ? long.MinValue : (long)x;

    /// <summary>Java's Double.compare order: -0.0 &lt; 0.0, NaN above everything (and equal to itself).</summary>
    public static int Compare(double a, double b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        long ba = DoubleBits(a), bb = DoubleBits(b);
        return ba == bb ? 0 : ba < bb ? -1 : 1;
    }

    /// <summary>Java's Arrays.binarySearch(double[], key): the index, or -(insertion point) - 1.</summary>
    public static int BinarySearch(ReadOnlySpan<double> sorted, double key)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            double m = sorted[mid];
            if (m < key)
                lo = mid + 1;
            else if (m > key)
                hi = mid - 1;
            else
            {
                long bm = DoubleBits(m), bk = DoubleBits(key);
                if (bm == bk)
                    return mid;
                if (bm < bk)
                    lo = mid + 1;
                else
                    hi = mid - 1;
            }
        }
        return -(lo + 1);
    }

    /// <summary>
    /// Java's Math.pow where it departs from IEEE 754-2008 (and .NET): a NaN exponent gives NaN
    /// even for base 1, and |base| = 1 with an infinite exponent gives NaN, not 1.
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (y == 0.0)
            return 1.0;
        if (double.IsNaN(y) || double.IsNaN(x))
            return double.NaN;
        if (Math.Abs(x) == 1.0 && double.IsInfinity(y))
            return double.NaN;
        return Math.Pow(x, y);
    }

    /// <summary>
    /// Java's Math.round(double): the closest long, ties toward +∞ (floor(x + 0.5) without its
    /// rounding error), NaN → 0, saturating at the long range.
    /// </summary>
    public static long Round(double x)
    {
        if (double.IsNaN(x))
            return 0;
        double floor = Math.Floor(x);
        // x - floor(x) is exact for every double, unlike x + 0.5 (0.49999999999999994 + 0.5 rounds to 1).
        double rounded = x - floor >= 0.5 ? floor + 1.0 : floor;
        return DoubleToLong(rounded);
    }

    /// <summary>Java's doubleToLongBits: every NaN is 0x7ff8000000000000.</summary>
    private static long DoubleBits(double d) => double.IsNaN(d) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(d);
}
