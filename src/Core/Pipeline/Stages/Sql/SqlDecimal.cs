using System.Globalization;

namespace Ember.Pipeline.Sql;

/// <summary>
/// Spark's Decimal operations on System.Decimal: rounding HALF_UP to a type's scale and the
/// precision check (Decimal.changePrecision), conversion to double as Java's
/// BigDecimal.doubleValue (correctly rounded) and from double as Scala's BigDecimal(d) (through
/// Double.toString). System.Decimal holds 28–29 significant digits where Spark holds 38: a value
/// needing more is reported as an overflow.
/// </summary>
internal static class SqlDecimal
{
    private static readonly decimal[] PowersOfTen = BuildPowers();

    /// <summary>Rounds <paramref name="value"/> to the type's scale; false when it needs more digits than its precision.</summary>
    public static bool TryFit(decimal value, SqlType type, out decimal result)
    {
        result = value;
        if (type.Scale <= 28 && type.Scale >= 0)
            result = Math.Round(value, type.Scale, MidpointRounding.AwayFromZero);
        int intDigits = type.Precision - type.Scale;
        if (intDigits >= 29)
            return true;
        if (intDigits <= 0)
            return Math.Abs(result) < 1m && (intDigits == 0 || result == 0m);
        return Math.Abs(result) < PowersOfTen[intDigits];
    }

    /// <summary>Java's BigDecimal.doubleValue: the double nearest the decimal.</summary>
    public static double ToDouble(decimal value)
    {
        Span<char> buffer = stackalloc char[64];
        return value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture)
            ? double.Parse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture)
            : (double)value;
    }

    public static float ToFloat(decimal value)
    {
        Span<char> buffer = stackalloc char[64];
        return value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture)
            ? float.Parse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture)
            : (float)value;
    }

    /// <summary>Decimal(d) in Spark = BigDecimal(Double.toString(d)); false for NaN, infinities and out-of-range values.</summary>
    public static bool TryFromDouble(double d, out decimal value)
    {
        value = 0;
        if (!double.IsFinite(d))
            return false;
        string text = JavaNumberFormat.FormatDouble(d);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Decimal.fromString: the trimmed text as a BigDecimal (exponents allowed); false when it is not a number.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        var span = CastExpr.TrimControl(text.AsSpan());
        value = 0;
        if (span.Length == 0 || span.Length > 64)
            return false;
        foreach (char c in span)
            if (!(char.IsAsciiDigit(c) || c is '.' or '+' or '-' or 'e' or 'E'))
                return false;
        return decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The plain string of a value at its type's scale (BigDecimal.toPlainString).</summary>
    public static string ToPlainString(decimal value, int scale) =>
        value.ToString("F" + Math.Clamp(scale, 0, 28).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>DecimalType.fromLiteral of an integral literal: as many digits as the value has.</summary>
    public static SqlType ForIntegralLiteral(long value)
    {
        int digits = value == long.MinValue ? 19 : Math.Abs(value).ToString(CultureInfo.InvariantCulture).Length;
        return SqlType.Decimal(Math.Max(digits, 1), 0);
    }

    private static decimal[] BuildPowers()
    {
        var p = new decimal[29];
        p[0] = 1m;
        for (int i = 1; i < p.Length; i++)
            p[i] = p[i - 1] * 10m;
        return p;
    }
}
