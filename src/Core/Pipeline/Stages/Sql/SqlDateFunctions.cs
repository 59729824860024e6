namespace Ember.Pipeline.Sql;

/// <summary>The fields datetimeExpressions.scala extracts (all INT).</summary>
internal enum DatePart : byte { Year, Month, DayOfMonth, DayOfWeek, DayOfYear, WeekOfYear, Quarter, Hour, Minute, Second }

/// <summary>
/// year, month, dayofmonth/day, dayofweek (Sunday = 1), dayofyear, weekofyear (ISO 8601 weeks),
/// quarter of a DATE; hour, minute, second of a TIMESTAMP in the session zone (UTC). The binder
/// casts the argument to the input type implicitly (ImplicitCastInputTypes), as Spark does.
/// </summary>
internal sealed class DatePartExpr(string name, DatePart part, SqlExpr child) : UnaryExpr(child, SqlType.Int)
{
    public static bool TakesTimestamp(DatePart part) => part is DatePart.Hour or DatePart.Minute or DatePart.Second;

    public override string Pretty => $"{name}({Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        long v = input.Longs![r];
        if (TakesTimestamp(part))
        {
            long seconds = SqlDateTime.MicrosOfDay(v) / SqlDateTime.MicrosPerSecond;
            output.Set(r, part switch
            {
                DatePart.Hour => seconds / 3600,
                DatePart.Minute => seconds / 60 % 60,
                _ => seconds % 60,
            });
            return;
        }
        SqlDateTime.CivilFromDays(v, out long year, out int month, out int day);
        long value = part switch
        {
            DatePart.Year => year,
            DatePart.Month => month,
            DatePart.DayOfMonth => day,
            DatePart.DayOfWeek => SqlDateTime.IsoDayOfWeek(v) % 7 + 1, // DayOfWeek.plus(1): Sunday = 1
            DatePart.DayOfYear => v - SqlDateTime.DaysFromCivil(year, 1, 1) + 1,
            DatePart.WeekOfYear => SqlDateTime.IsoWeekOfYear(v),
            _ => (month - 1) / 3 + 1,
        };
        output.Set(r, value);
    }
}

/// <summary>datediff(end, start): end − start in days (DateDiff: Int subtraction).</summary>
internal sealed class DateDiffExpr(SqlExpr end, SqlExpr start) : NullIntolerantExpr([end, start], SqlType.Int)
{
    public override string Pretty => $"datediff({Args[0].Pretty}, {Args[1].Pretty})";

    protected override void Compute(EvalContext ctx, Vec[] inputs, int r, Vec output) =>
        output.Set(r, (long)unchecked((int)(inputs[0].Longs![r] - inputs[1].Longs![r])));
}

/// <summary>date_add / date_sub(start, days): DateAdd and DateSub add as Java ints (wrapping).</summary>
internal sealed class DateAddExpr(string name, bool subtract, SqlExpr start, SqlExpr days) : NullIntolerantExpr([start, days], SqlType.Date)
{
    public override string Pretty => $"{name}({Args[0].Pretty}, {Args[1].Pretty})";

    protected override void Compute(EvalContext ctx, Vec[] inputs, int r, Vec output)
    {
        int a = (int)inputs[0].Longs![r], d = (int)inputs[1].Longs![r];
        output.Set(r, (long)unchecked(subtract ? a - d : a + d));
    }
}

/// <summary>to_date(x): ParseToDate without a format is replaced by CAST(x AS DATE); only its name differs.</summary>
internal sealed class ToDateExpr(SqlExpr cast, string argument) : SqlExpr(SqlType.Date)
{
    public override string Pretty => $"to_date({argument})";

    public override IReadOnlyList<SqlExpr> Children => [cast];

    public override Vec Eval(EvalContext ctx) => cast.Eval(ctx);
}
