using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// Java's Double.toString / Float.toString (JDK 19+: shortest digits that round-trip): plain
/// notation with at least one fraction digit for 1e-3 ≤ |x| &lt; 1e7, else d.dddE±n; "NaN",
/// "Infinity", "-0.0". Older JDKs occasionally printed one more digit.
/// </summary>
internal static class JavaFloatingText
{
    public static string Format(double value) =>
        Special(value) ?? Layout(value < 0, value.ToString("R", CultureInfo.InvariantCulture));

    public static string Format(float value) =>
        Special(value) ?? Layout(value < 0, value.ToString("R", CultureInfo.InvariantCulture));

    private static string? Special(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "Infinity"
        : double.IsNegativeInfinity(v) ? "-Infinity"
        : v == 0 ? (double.IsNegative(v) ? "-0.0" : "0.0")
        : null;

    /// <summary>Digits and exponent from the shortest round-trip text, laid out the Java way.</summary>
    private static string Layout(bool negative, string roundTrip)
    {
        string r = roundTrip.TrimStart('-');
        int e = 0;
        int ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            e = int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..ePos];
        }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r[..dot];
        string frac = dot < 0 ? "" : r[(dot + 1)..];
        string digits = (intPart + frac).TrimStart('0');
        int leadingZeros = (intPart + frac).Length - (intPart + frac).TrimStart('0').Length;
        // value = 0.digits * 10^point
        int point = intPart.Length - leadingZeros + e;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        string sign = negative ? "-" : "";
        if (point is > -3 and <= 7)
        {
            // 1e-3 <= |x| < 1e7: plain.
            if (point <= 0)
                return sign + "0." + new string('0', -point) + digits;
            if (digits.Length <= point)
                return sign + digits + new string('0', point - digits.Length) + ".0";
            return sign + digits[..point] + "." + digits[point..];
        }
        string mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..];
        return sign + mantissa + "E" + (point - 1).ToString(CultureInfo.InvariantCulture);
    }
}
