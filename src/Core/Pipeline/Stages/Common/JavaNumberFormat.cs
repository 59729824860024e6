using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// Numbers rendered as Java (and so Spark's CAST(x AS STRING) and Scala's toString) renders them:
/// integral types plain; doubles and floats per Double.toString / Float.toString of JDK 19+
/// (shortest digits that round-trip, at least one digit after the point, plain notation for
/// 1e-3 ≤ |x| &lt; 1e7 and d.dddE±n otherwise, "NaN", "Infinity", "-0.0"). Older JDKs sometimes
/// printed more digits; labels a model saved then may not match these strings.
/// </summary>
public static class JavaNumberFormat
{
    /// <summary>Java's Double.toString.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        // .NET's "R" is the shortest round-trip form; take its digits and exponent.
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(r);
        if (digits.Length == 1)
        {
            // Java picks among decimals of length 2 the one closest to the value when the shortest
            // has one digit (Double.MIN_VALUE prints 4.9E-324, not 5.0E-324).
            string two = value.ToString("E1", CultureInfo.InvariantCulture);
            if (double.Parse(two, CultureInfo.InvariantCulture) == value)
                (digits, exponent) = Decompose(two);
        }
        return Render(value < 0, digits, exponent);
    }

    /// <summary>Java's Float.toString.</summary>
    public static string FormatFloat(float value)
    {
        if (float.IsNaN(value)) return "NaN";
        if (float.IsPositiveInfinity(value)) return "Infinity";
        if (float.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return float.IsNegative(value) ? "-0.0" : "0.0";
        var (digits, exponent) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
        if (digits.Length == 1)
        {
            string two = value.ToString("E1", CultureInfo.InvariantCulture);
            if (float.Parse(two, CultureInfo.InvariantCulture) == value)
                (digits, exponent) = Decompose(two);
        }
        return Render(value < 0, digits, exponent);
    }

    /// <summary>Java's Long.toString (also int, short, byte).</summary>
    public static string FormatLong(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when <paramref name="text"/> is exactly what <see cref="FormatDouble"/> prints for some
    /// double, which is returned (labels a numeric column produced).
    /// </summary>
    public static bool TryParseJavaDouble(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 32)
            return false;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return text switch
            {
                "NaN" => Set(double.NaN, out value),
                "Infinity" => Set(double.PositiveInfinity, out value),
                "-Infinity" => Set(double.NegativeInfinity, out value),
                _ => false,
            };
        return FormatDouble(value) == text;
    }

    /// <summary>True when <paramref name="text"/> is exactly what Float.toString prints for some float.</summary>
    public static bool TryParseJavaFloat(string text, out float value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 32)
            return false;
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return false;
        return FormatFloat(value) == text;
    }

    /// <summary>True when <paramref name="text"/> is exactly what Long.toString prints (no '+', no leading zeros).</summary>
    public static bool TryParseJavaLong(string text, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 20)
            return false;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return false;
        return FormatLong(value) == text;
    }

    private static bool Set(double v, out double value)
    {
        value = v;
        return true;
    }

    /// <summary>Significant digits (no leading/trailing zeros) and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int start = text[0] == '-' ? 1 : 0;
        int e = text.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? text[start..] : text[start..e];
        int exp = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        string intPart = point < 0 ? mantissa : mantissa[..point];
        string fracPart = point < 0 ? "" : mantissa[(point + 1)..];
        string all = intPart + fracPart;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
            lead++;
        // Value = 0.all × 10^(intPart.Length + exp); the first significant digit sits at lead.
        int firstExponent = intPart.Length + exp - lead - 1;
        string digits = all[lead..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, firstExponent);
    }

    private static string Render(bool negative, string digits, int exponent)
    {
        var sb = new System.Text.StringBuilder(digits.Length + 8);
        if (negative)
            sb.Append('-');
        if (exponent >= -3 && exponent < 7)
        {
            if (exponent < 0)
            {
                sb.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
            else if (digits.Length <= exponent + 1)
            {
                sb.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            }
            return sb.ToString();
        }
        sb.Append(digits[0]).Append('.');
        if (digits.Length > 1)
            sb.Append(digits, 1, digits.Length - 1);
        else
            sb.Append('0');
        sb.Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
