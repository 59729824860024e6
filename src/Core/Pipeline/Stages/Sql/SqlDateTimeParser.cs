namespace Ember.Pipeline.Sql;

/// <summary>What parsing a timestamp string gave.</summary>
internal enum TimestampParse : byte
{
    Ok,
    /// <summary>Spark gives NULL (or, ANSI, CAST_INVALID_INPUT).</summary>
    Invalid,
    /// <summary>Valid for Spark but not reproducible here: a time without a date (Spark takes today's) or a region zone ID.</summary>
    Unsupported,
}

/// <summary>
/// Spark's own string → date / timestamp parsers, ported from DateTimeUtils.stringToDate and
/// parseTimestampString / stringToTimestamp (3.x and 4.x agree for microseconds): trimmed of
/// whitespace and ISO controls, [+-]yyyy[-[m]m[-[d]d]] with 4–7 year digits for dates (4–6 for
/// timestamps), then for timestamps ' ' or 'T', [h]h:[m]m[:[s]s[.fraction]] (digits past the
/// sixth dropped) and an optional zone: Z, ±h[h][:mm], UTC/GMT/UT with or without an offset, or
/// the fixed SHORT_IDS EST, MST, HST. Region IDs (Europe/Paris) need a tz database: refused.
/// </summary>
internal static class SqlDateTimeParser
{
    public static bool TryParseDate(string text, out long days)
    {
        days = 0;
        var s = CastExpr.TrimControl(text.AsSpan());
        if (s.Length == 0)
            return false;
        Span<int> segments = [1, 1, 1];
        int sign = 1, i = 0, value = 0, digits = 0, j = 0;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            j = 1;
        }
        for (; j < s.Length && i < 3 && s[j] is not (' ' or 'T'); j++)
        {
            char b = s[j];
            if (i < 2 && b == '-')
            {
                if (!DateDigits(i, digits))
                    return false;
                segments[i++] = value;
                value = digits = 0;
            }
            else if (char.IsAsciiDigit(b))
            {
                value = unchecked(value * 10 + (b - '0'));
                digits++;
            }
            else
            {
                return false;
            }
        }
        if (!DateDigits(i, digits) || (i < 2 && j < s.Length))
            return false; // `yyyy` and `yyyy-[m]m` must use the whole input
        segments[i] = value;
        long year = (long)sign * segments[0];
        if (!SqlDateTime.IsValidDate(year, segments[1], segments[2]))
            return false;
        days = SqlDateTime.DaysFromCivil(year, segments[1], segments[2]);
        return days is >= int.MinValue and <= int.MaxValue; // localDateToDays: Math.toIntExact
    }

    // An int holds a date within ±5 million years: 4–7 year digits; months and days 1–2 digits.
    private static bool DateDigits(int segment, int digits) =>
        segment == 0 ? digits is >= 4 and <= 7 : digits is > 0 and <= 2;

    public static TimestampParse ParseTimestamp(string text, out long micros)
    {
        micros = 0;
        var all = text.AsSpan();
        var s = CastExpr.TrimControl(all);
        if (s.Length == 0)
            return TimestampParse.Invalid;
        int offset = 0; // Spark tests `j == 0` on the untrimmed bytes: a leading 'T' only counts at index 0
        while (offset < all.Length && (all[offset] <= ' ' || all[offset] == '\u007F'))
            offset++;
        Span<int> segments = [1, 1, 1, 0, 0, 0, 0, 0, 0];
        int i = 0, value = 0, digits = 0, fractionDigits = 0, yearSign = 0;
        bool justTime = false;
        ReadOnlySpan<char> zone = default;
        int j = 0;
        if (s[0] is '-' or '+')
        {
            yearSign = s[0] == '-' ? -1 : 1;
            j = 1;
        }
        for (; j < s.Length; j++)
        {
            char b = s[j];
            if (char.IsAsciiDigit(b))
            {
                if (i == 6)
                    fractionDigits++;
                if (i != 6 || digits < 6)
                    value = unchecked(value * 10 + (b - '0'));
                digits++;
                continue;
            }
            if (offset + j == 0 && b == 'T')
            {
                justTime = true;
                i += 3;
            }
            else if (i < 2)
            {
                if (b == '-')
                {
                    if (!TimestampDigits(i, digits)) return TimestampParse.Invalid;
                    segments[i++] = value;
                    value = digits = 0;
                }
                else if (i == 0 && b == ':' && yearSign == 0)
                {
                    justTime = true;
                    if (!TimestampDigits(3, digits)) return TimestampParse.Invalid;
                    segments[3] = value;
                    value = digits = 0;
                    i = 4;
                }
                else
                {
                    return TimestampParse.Invalid;
                }
            }
            else if (i == 2 || i == 3 || i == 4)
            {
                bool separator = i == 2 ? b is ' ' or 'T' : b == ':';
                if (!separator || !TimestampDigits(i, digits)) return TimestampParse.Invalid;
                segments[i++] = value;
                value = digits = 0;
            }
            else if (i == 5 || i == 6)
            {
                if (!TimestampDigits(i, digits)) return TimestampParse.Invalid;
                segments[i++] = value;
                value = digits = 0;
                if (!(b == '.' && i == 6))
                {
                    zone = s[j..];
                    j = s.Length - 1;
                    if (i == 6) i++;
                }
            }
            else
            {
                if (i >= 9 || b is not (':' or ' ') || !TimestampDigits(i, digits)) return TimestampParse.Invalid;
                segments[i++] = value;
                value = digits = 0;
            }
        }
        if (!TimestampDigits(i, digits))
            return TimestampParse.Invalid;
        segments[i] = value;
        for (; fractionDigits < 6; fractionDigits++)
            segments[6] *= 10;
        long offsetSeconds = 0;
        if (!zone.IsEmpty)
        {
            var zoneResult = ParseZone(zone.Trim(), out offsetSeconds);
            if (zoneResult != TimestampParse.Ok)
                return zoneResult;
        }
        if (justTime)
            return TimestampParse.Unsupported;
        long year = (long)(yearSign == 0 ? 1 : yearSign) * segments[0];
        if (!SqlDateTime.IsValidDate(year, segments[1], segments[2])
            || segments[3] > 23 || segments[4] > 59 || segments[5] > 59)
            return TimestampParse.Invalid;
        long days = SqlDateTime.DaysFromCivil(year, segments[1], segments[2]);
        long seconds = days * 86_400 + segments[3] * 3600L + segments[4] * 60L + segments[5] - offsetSeconds;
        try
        {
            micros = checked(seconds * SqlDateTime.MicrosPerSecond + segments[6]); // Math.multiplyExact / addExact
            return TimestampParse.Ok;
        }
        catch (OverflowException)
        {
            return TimestampParse.Invalid;
        }
    }

    // A long holds a timestamp within ±200 thousand years: 4–6 year digits; any fraction length;
    // the zone-hour segment 0–2 digits; the others 1–2.
    private static bool TimestampDigits(int segment, int digits) => segment switch
    {
        0 => digits is >= 4 and <= 6,
        6 => true,
        7 => digits <= 2,
        _ => digits is > 0 and <= 2,
    };

    /// <summary>DateTimeUtils.getZoneId (its two (+|-)h:mm fix-ups), then ZoneId.of with SHORT_IDS, for zones with a fixed offset.</summary>
    private static TimestampParse ParseZone(ReadOnlySpan<char> id, out long offsetSeconds)
    {
        offsetSeconds = 0;
        switch (id)
        {
            case "Z" or "UTC" or "GMT" or "UT": return TimestampParse.Ok;
            case "EST": offsetSeconds = -5 * 3600; return TimestampParse.Ok;
            case "MST": offsetSeconds = -7 * 3600; return TimestampParse.Ok;
            case "HST": offsetSeconds = -10 * 3600; return TimestampParse.Ok;
        }
        if (id.Length > 0 && id[0] is '+' or '-')
            return TryParseOffset(id, out offsetSeconds) ? TimestampParse.Ok : TimestampParse.Invalid;
        foreach (var prefix in (ReadOnlySpan<string>)["UTC", "GMT", "UT"])
            if (id.StartsWith(prefix, StringComparison.Ordinal) && id.Length > prefix.Length && id[prefix.Length] is '+' or '-')
                return TryParseOffset(id[prefix.Length..], out offsetSeconds) ? TimestampParse.Ok : TimestampParse.Invalid;
        // A region ID (or a SHORT_ID naming one) or garbage: telling them apart needs the tz database.
        bool regionLike = id.Length > 1 && char.IsAsciiLetter(id[0]);
        foreach (char c in id)
            regionLike &= char.IsAsciiLetterOrDigit(c) || c is '~' or '/' or '.' or '_' or '+' or '-';
        return regionLike ? TimestampParse.Unsupported : TimestampParse.Invalid;
    }

    /// <summary>ZoneOffset.of after Spark's fix-ups: ±h, ±hh, ±hh:mm, ±hhmm, ±hh:mm:ss, ±hhmmss, within ±18:00.</summary>
    private static bool TryParseOffset(ReadOnlySpan<char> id, out long offsetSeconds)
    {
        offsetSeconds = 0;
        // getZoneId: "+h:mm" → "+0h:mm" and "+hh:m" (at the end) → "+hh:0m", both from before Spark 3.0.
        string fixedUp = id.ToString();
        if (fixedUp.Length >= 3 && char.IsAsciiDigit(fixedUp[1]) && fixedUp[2] == ':')
            fixedUp = fixedUp[0] + "0" + fixedUp[1..];
        if (fixedUp.Length == 5 && char.IsAsciiDigit(fixedUp[1]) && char.IsAsciiDigit(fixedUp[2]) && fixedUp[3] == ':' && char.IsAsciiDigit(fixedUp[4]))
            fixedUp = fixedUp[..4] + "0" + fixedUp[4];
        var o = fixedUp.AsSpan();
        int sign = o[0] == '-' ? -1 : 1;
        int h, m = 0, sec = 0;
        switch (o.Length)
        {
            case 2 when Digits(o[1..2], out h): break;
            case 3 when Digits(o[1..3], out h): break;
            case 5 when Digits(o[1..3], out h) && Digits(o[3..5], out m): break;
            case 6 when o[3] == ':' && Digits(o[1..3], out h) && Digits(o[4..6], out m): break;
            case 7 when Digits(o[1..3], out h) && Digits(o[3..5], out m) && Digits(o[5..7], out sec): break;
            case 9 when o[3] == ':' && o[6] == ':' && Digits(o[1..3], out h) && Digits(o[4..6], out m) && Digits(o[7..9], out sec): break;
            default: return false;
        }
        if (h > 18 || m > 59 || sec > 59)
            return false;
        long total = h * 3600L + m * 60L + sec;
        if (total > 18 * 3600)
            return false;
        offsetSeconds = sign * total;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
