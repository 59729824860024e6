using System.Globalization;
using System.Text.Json;

namespace Ember.Pipeline;

/// <summary>
/// Parses one text cell (CSV, query string) into the plain value a column of a Spark type takes,
/// with the invariant culture: numbers, booleans (true/false, also 1/0), strings, vectors as a
/// JSON array (dense) or {"size":n,"indices":[..],"values":[..]} (sparse), arrays as JSON arrays.
/// </summary>
public static class TextValues
{
    /// <summary>The value, or null with <paramref name="problem"/> set when the text does not fit the type.</summary>
    public static object? Parse(string text, SparkType type, out string? problem)
    {
        problem = null;
        var s = text.Trim();
        switch (type.Kind)
        {
            case SparkTypeKind.String:
                return text;
            case SparkTypeKind.Double or SparkTypeKind.Float or SparkTypeKind.Decimal:
                if (TryDouble(s, out double d))
                    return type.Kind == SparkTypeKind.Float ? (double)(float)d : d;
                break;
            case SparkTypeKind.Byte or SparkTypeKind.Short or SparkTypeKind.Int or SparkTypeKind.Long:
                if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                    return l;
                break;
            case SparkTypeKind.Date or SparkTypeKind.Timestamp:
                if (TryTemporal(s, type, out long t))
                    return t;
                break;
            case SparkTypeKind.Boolean:
                if (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s == "1")
                    return true;
                if (s.Equals("false", StringComparison.OrdinalIgnoreCase) || s == "0")
                    return false;
                break;
            case SparkTypeKind.Vector or SparkTypeKind.Array:
                try
                {
                    using var doc = JsonDocument.Parse(s);
                    var value = JsonValues.Read(doc.RootElement, type, out problem);
                    if (problem is null)
                        return value;
                }
                catch (JsonException ex)
                {
                    problem = $"expected {type} as JSON but the text is not valid JSON ({ex.Message})";
                }
                return null;
        }
        problem = $"expected {type} but got \"{(text.Length > 40 ? text[..40] + "..." : text)}\"";
        return null;
    }

    /// <summary>
    /// A date as "yyyy-MM-dd" (→ days since 1970-01-01) or a timestamp as ISO 8601 (→ microseconds
    /// since the epoch, UTC when the text has no offset): the forms the JSON API accepts.
    /// </summary>
    public static bool TryTemporal(string s, SparkType type, out long value)
    {
        value = 0;
        if (type.Kind == SparkTypeKind.Date)
        {
            if (!DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return false;
            value = day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
            return true;
        }
        if (type.Kind != SparkTypeKind.Timestamp || s.Length > 64
            || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return false;
        value = (at.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
        return true;
    }

    /// <summary>Invariant double with Java/Spark spellings of the special values.</summary>
    public static bool TryDouble(string s, out double d)
    {
        switch (s)
        {
            case "NaN": d = double.NaN; return true;
            case "Infinity" or "Inf" or "+Infinity": d = double.PositiveInfinity; return true;
            case "-Infinity" or "-Inf": d = double.NegativeInfinity; return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d);
    }
}
