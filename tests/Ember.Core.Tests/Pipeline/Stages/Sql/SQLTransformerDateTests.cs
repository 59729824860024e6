using Ember.Pipeline;
using Xunit;
using static Ember.Core.Tests.Pipeline.Stages.Sql.SqlHarness;

namespace Ember.Core.Tests.Pipeline.Stages.Sql;

/// <summary>
/// Date and timestamp expressions with the result Spark gives (session time zone UTC), in both
/// ANSI modes. Each expectation restates Spark's source: DateTimeUtils.stringToDate and
/// parseTimestampString (trim, [+-]yyyy with 4–7 / 4–6 digits, [m]m, [d]d, ' ' or 'T', zone
/// suffixes), Cast.scala (NULL vs CAST_INVALID_INPUT), DateFormatter / FractionTimestampFormatter
/// (uuuu-MM-dd, trailing fraction zeros dropped, '+' past 9999), datetimeExpressions.scala
/// (DayOfWeek Sunday = 1, WeekOfYear ISO 8601, DateAdd/DateDiff on int days).
/// </summary>
public class SQLTransformerDateTests
{
    public static TheoryData<string, object?, object?> NonAnsiAndAnsi() => new()
    {
        // String → DATE: Spark's own parser, not DateOnly's.
        { "CAST(CAST('2020-02-29' AS DATE) AS STRING)", "2020-02-29", "2020-02-29" },
        { "CAST(CAST(' 2020-1-5 ' AS DATE) AS STRING)", "2020-01-05", "2020-01-05" },
        { "CAST(CAST('2020' AS DATE) AS STRING)", "2020-01-01", "2020-01-01" },
        { "CAST(CAST('2020-07' AS DATE) AS STRING)", "2020-07-01", "2020-07-01" },
        { "CAST(CAST('2020-01-01T10:00:00' AS DATE) AS STRING)", "2020-01-01", "2020-01-01" },
        { "CAST(CAST('2020-01-01 whatever' AS DATE) AS STRING)", "2020-01-01", "2020-01-01" },
        { "CAST(CAST('2020-07 01' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('2019-02-29' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('1900-02-29' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('2000-02-29' AS DATE) AS STRING)", "2000-02-29", "2000-02-29" },
        { "CAST(CAST('20-01-01' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('2020/01/01' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        // Years before 1, zero and past 9999 (proleptic Gregorian, uuuu formatting).
        { "CAST(CAST('-0044-03-15' AS DATE) AS STRING)", "-0044-03-15", "-0044-03-15" },
        { "CAST(CAST('0000-01-01' AS DATE) AS STRING)", "0000-01-01", "0000-01-01" },
        { "CAST(CAST('12345-01-01' AS DATE) AS STRING)", "+12345-01-01", "+12345-01-01" },
        { "CAST(CAST('9999999-01-01' AS DATE) AS STRING)", null, "CAST_INVALID_INPUT" },
        // String → TIMESTAMP.
        { "CAST(CAST('2020-01-01 10:11:12.123456789' AS TIMESTAMP) AS STRING)", "2020-01-01 10:11:12.123456", "2020-01-01 10:11:12.123456" },
        { "CAST(CAST('2020-01-01 10:00:00.50' AS TIMESTAMP) AS STRING)", "2020-01-01 10:00:00.5", "2020-01-01 10:00:00.5" },
        { "CAST(CAST('2020-01-01T10:11:12Z' AS TIMESTAMP) AS STRING)", "2020-01-01 10:11:12", "2020-01-01 10:11:12" },
        { "CAST(CAST('2020-01-01 10:11:12+02:00' AS TIMESTAMP) AS STRING)", "2020-01-01 08:11:12", "2020-01-01 08:11:12" },
        { "CAST(CAST('2020-01-01 10:11:12 UTC+1:30' AS TIMESTAMP) AS STRING)", "2020-01-01 08:41:12", "2020-01-01 08:41:12" },
        { "CAST(CAST('2020-01-01 10:11:12 EST' AS TIMESTAMP) AS STRING)", "2020-01-01 15:11:12", "2020-01-01 15:11:12" },
        { "CAST(CAST('2020-01-01 10:11' AS TIMESTAMP) AS STRING)", "2020-01-01 10:11:00", "2020-01-01 10:11:00" },
        { "CAST(CAST('2020-01-01' AS TIMESTAMP) AS STRING)", "2020-01-01 00:00:00", "2020-01-01 00:00:00" },
        { "CAST(CAST('2020-01-01 25:00:00' AS TIMESTAMP) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('2020-01-01 10:11:12+19:00' AS TIMESTAMP) AS STRING)", null, "CAST_INVALID_INPUT" },
        { "CAST(CAST('1969-12-31 23:59:59.999999' AS TIMESTAMP) AS STRING)", "1969-12-31 23:59:59.999999", "1969-12-31 23:59:59.999999" },
        // DATE <-> TIMESTAMP (UTC days).
        { "CAST(CAST(TIMESTAMP '1969-12-31 23:59:59' AS DATE) AS STRING)", "1969-12-31", "1969-12-31" },
        { "CAST(CAST(DATE '2020-03-01' AS TIMESTAMP) AS STRING)", "2020-03-01 00:00:00", "2020-03-01 00:00:00" },
        // Fields.
        { "year('2020-02-29')", 2020L, 2020L },
        { "month('2020-02-29')", 2L, 2L },
        { "day('2020-02-29')", 29L, 29L },
        { "dayofmonth(DATE '1969-12-31')", 31L, 31L },
        { "dayofweek(DATE '2024-06-02')", 1L, 1L },
        { "dayofweek(DATE '1900-01-01')", 2L, 2L },
        { "dayofyear(DATE '2020-12-31')", 366L, 366L },
        { "dayofyear(DATE '2019-12-31')", 365L, 365L },
        { "weekofyear(DATE '2021-01-03')", 53L, 53L },
        { "weekofyear(DATE '2019-12-30')", 1L, 1L },
        { "quarter(DATE '2020-11-15')", 4L, 4L },
        { "year(TIMESTAMP '2020-12-31 23:59:59')", 2020L, 2020L },
        { "hour(TIMESTAMP '2020-01-01 13:14:15')", 13L, 13L },
        { "minute(TIMESTAMP '2020-01-01 13:14:15')", 14L, 14L },
        { "second(TIMESTAMP '2020-01-01 13:14:15.9')", 15L, 15L },
        { "hour(TIMESTAMP '1969-12-31 23:00:00')", 23L, 23L },
        { "hour('2020-01-01 13:14:15')", 13L, 13L },
        { "hour(DATE '2020-01-01')", 0L, 0L },
        { "year('not a date')", null, "CAST_INVALID_INPUT" },
        { "year(NULL)", null, null },
        // to_date, date_add, date_sub, datediff.
        { "CAST(to_date('2016-12-31') AS STRING)", "2016-12-31", "2016-12-31" },
        { "to_date('2016-13-01')", null, "CAST_INVALID_INPUT" },
        { "CAST(date_add('2016-07-30', 1) AS STRING)", "2016-07-31", "2016-07-31" },
        { "CAST(date_sub(DATE '2016-03-01', 1) AS STRING)", "2016-02-29", "2016-02-29" },
        { "CAST(date_add(DATE '1970-01-01', -1) AS STRING)", "1969-12-31", "1969-12-31" },
        { "date_add(DATE '1970-01-01', NULL)", null, null },
        { "datediff('2009-07-31', '2009-07-30')", 1L, 1L },
        { "datediff(DATE '2009-07-30', DATE '2009-07-31')", -1L, -1L },
        { "datediff('2009-07-31 23:59:59', '2009-07-31 00:00:00')", 0L, 0L },
        { "datediff('1970-01-01', '1969-12-31')", 1L, 1L },
        // Comparisons: the string side is cast to the date's type; a date meets a timestamp as TIMESTAMP.
        { "DATE '2020-01-01' < '2020-01-02'", true, true },
        { "DATE '2020-01-01' = 'garbage'", null, "CAST_INVALID_INPUT" },
        { "DATE '2020-01-01' = TIMESTAMP '2020-01-01 00:00:00'", true, true },
        { "TIMESTAMP '2020-01-01 00:00:01' > DATE '2020-01-01'", true, true },
        { "CAST(greatest(DATE '2020-01-01', DATE '2021-01-01') AS STRING)", "2021-01-01", "2021-01-01" },
    };

    [Theory]
    [MemberData(nameof(NonAnsiAndAnsi))]
    public void SQLTransformer_DateExpression_MatchesSparkInBothModes(string expr, object? legacy, object? ansi)
    {
        AssertResult(expr, ansi: false, legacy);
        AssertResult(expr, ansi: true, ansi);
    }

    [Fact]
    public void SQLTransformer_DateAndTimestampColumns_AreReadAndWrittenAsDaysAndMicros()
    {
        // 2020-01-01 is day 18262; 2020-01-01T12:30:00Z is 1577881800 s.
        Assert.Equal(2020L, Value("year(d)", false, ("d", SparkType.Date, 18262L)));
        Assert.Equal(18263L, Value("date_add(d, 1)", true, ("d", SparkType.Date, 18262L)));
        Assert.Equal(12L, Value("hour(t)", true, ("t", SparkType.Timestamp, 1577881800L * 1_000_000)));
        Assert.Equal(18262L, Value("CAST(t AS DATE)", false, ("t", SparkType.Timestamp, 1577881800L * 1_000_000)));
        Assert.Equal("2020-01-01 12:30:00", Value("CAST(t AS STRING)", false, ("t", SparkType.Timestamp, 1577881800L * 1_000_000)));
        Assert.Null(Value("month(d)", true, ("d", SparkType.Date, null)));
    }

    [Fact]
    public void SQLTransformer_DateOutput_HasTheDateType()
    {
        var pipeline = PipelineHarness.Compile(new Dictionary<string, SparkType> { ["s"] = SparkType.String },
            Stage("SELECT *, to_date(s) AS d, CAST(s AS TIMESTAMP) AS t FROM __THIS__", false));
        var plan = pipeline.PlanFor(["d", "t"], out _)!;
        Assert.Equal(SparkType.Date, plan.Outputs[0].Type);
        Assert.Equal(SparkType.Timestamp, plan.Outputs[1].Type);
    }

    [Theory]
    [InlineData("CAST('10:00:00' AS TIMESTAMP)")]
    [InlineData("CAST('2020-01-01 10:00:00 Europe/Paris' AS TIMESTAMP)")]
    public void SQLTransformer_TimestampSparkCannotPinDown_FailsTheRowInBothModes(string expr)
    {
        foreach (bool ansi in new[] { false, true })
        {
            var result = Eval(expr, ansi);
            Assert.Equal(RowState.Failed, result.State);
            Assert.Contains("cannot reproduce", result.Error!.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("current_date()", "not deterministic")]
    [InlineData("current_date", "not deterministic")]
    [InlineData("now()", "not deterministic")]
    [InlineData("CAST(d AS INT)", "not supported")]
    [InlineData("year(1)", "needs a DATE")]
    [InlineData("date_add(d, 1L)", "INT number of days")]
    [InlineData("d IN ('2020-01-01')", "CAST one side")]
    [InlineData("d + 1", "needs numbers")]
    [InlineData("DATE '2020-13-01'", "cannot parse the DATE value")]
    [InlineData("to_date(s, 'yyyy')", "format pattern")]
    public void SQLTransformer_UnsupportedDateConstruct_IsRefusedAtCompile(string expr, string message)
    {
        var columns = new Dictionary<string, SparkType> { ["d"] = SparkType.Date, ["s"] = SparkType.String };
        var ex = Assert.Throws<PipelineCompileException>(() => PipelineHarness.Compile(columns, Stage($"SELECT {expr} AS r FROM __THIS__", true)));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
