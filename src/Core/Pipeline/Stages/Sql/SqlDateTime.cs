using System.Globalization;

namespace Ember.Pipeline.Sql;

/// <summary>
/// Spark's date and timestamp arithmetic for the SQL subset: dates are days since 1970-01-01,
/// timestamps microseconds since 1970-01-01T00:00:00Z, both in the proleptic Gregorian calendar
/// (java.time, Spark 3.0+). The session time zone is UTC: a saved PipelineModel does not record
/// spark.sql.session.timeZone, so local-time fields (hour, CAST to DATE/STRING) are read in UTC.
/// Civil-date conversion is exact integer math (Hinnant's days_from_civil), so years outside
/// DateOnly's 1–9999 (Spark accepts up to ±5 million for dates) work.
/// </summary>
internal static class SqlDateTime
{
    public const long MicrosPerSecond = 1_000_000L;
    public const long MicrosPerDay = 86_400L * MicrosPerSecond;

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (month 1–12, day 1–31, not validated).</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static void CivilFromDays(long days, out long year, out int month, out int day)
    {
        long z = days + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        day = (int)(doy - (153 * mp + 2) / 5 + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }

    public static bool IsLeapYear(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>LocalDate.of's validation: month 1–12, day within the month.</summary>
    public static bool IsValidDate(long year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);

    /// <summary>Micros → days of the UTC calendar date (floor, so 1969-12-31T23:59 is day -1).</summary>
    public static long DaysOfMicros(long micros) => Math.DivRem(micros, MicrosPerDay, out long rem) - (rem < 0 ? 1 : 0);

    /// <summary>Microseconds since midnight (UTC) of a timestamp.</summary>
    public static long MicrosOfDay(long micros)
    {
        long rem = micros % MicrosPerDay;
        return rem < 0 ? rem + MicrosPerDay : rem;
    }

    /// <summary>Days → timestamp at UTC midnight; false when it leaves the long range (Math.multiplyExact).</summary>
    public static bool TryDaysToMicros(long days, out long micros)
    {
        try
        {
            micros = checked(days * MicrosPerDay);
            return true;
        }
        catch (OverflowException)
        {
            micros = 0;
            return false;
        }
    }

    /// <summary>DateFormatter "yyyy-MM-dd" (Spark rewrites y to u): 4-digit years padded, '+' above 9999, '-' below 0.</summary>
    public static string FormatDate(long days)
    {
        CivilFromDays(days, out long year, out int month, out int day);
        return string.Create(CultureInfo.InvariantCulture, $"{FormatYear(year)}-{month:D2}-{day:D2}");
    }

    /// <summary>
    /// CAST(timestamp AS STRING): FractionTimestampFormatter, "yyyy-MM-dd HH:mm:ss" then the
    /// fraction of second with its trailing zeros dropped (none when zero).
    /// </summary>
    public static string FormatTimestamp(long micros)
    {
        long days = DaysOfMicros(micros);
        long ofDay = micros - days * MicrosPerDay;
        CivilFromDays(days, out long year, out int month, out int day);
        long seconds = ofDay / MicrosPerSecond;
        long fraction = ofDay % MicrosPerSecond;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{FormatYear(year)}-{month:D2}-{day:D2} {seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}");
        if (fraction == 0)
            return text;
        return text + "." + fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    private static string FormatYear(long year) =>
        year > 9999 ? "+" + year.ToString(CultureInfo.InvariantCulture)
        : year < 0 ? "-" + (-year).ToString("D4", CultureInfo.InvariantCulture)
        : year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>ISO day of week, Monday = 1 … Sunday = 7.</summary>
    public static int IsoDayOfWeek(long days)
    {
        // 1970-01-01 was a Thursday (ISO 4).
        long d = (days + 3) % 7;
        return (int)(d < 0 ? d + 7 : d) + 1;
    }

    /// <summary>IsoFields.WEEK_OF_WEEK_BASED_YEAR: weeks start on Monday; week 1 holds the year's first Thursday.</summary>
    public static int IsoWeekOfYear(long days)
    {
        long thursday = days - IsoDayOfWeek(days) + 4; // the Thursday of this ISO week decides its year
        CivilFromDays(thursday, out long weekYear, out _, out _);
        return (int)((thursday - DaysFromCivil(weekYear, 1, 1)) / 7) + 1;
    }
}
