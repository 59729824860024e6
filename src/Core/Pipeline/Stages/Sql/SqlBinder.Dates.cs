namespace Ember.Pipeline.Sql;

/// <summary>
/// The date functions of the subset (datetimeExpressions.scala): arguments are cast to DATE or
/// TIMESTAMP implicitly from the other temporal type or from a string (as ImplicitCastInputTypes
/// does; an invalid string is NULL, or CAST_INVALID_INPUT under ANSI); numbers are refused.
/// </summary>
internal sealed partial class SqlBinder
{
    private SqlExpr? DateFunction(FunctionNode f)
    {
        var a = f.Args;
        DatePart? part = f.Name switch
        {
            "year" => DatePart.Year,
            "month" => DatePart.Month,
            "dayofmonth" or "day" => DatePart.DayOfMonth,
            "dayofweek" => DatePart.DayOfWeek,
            "dayofyear" => DatePart.DayOfYear,
            "weekofyear" => DatePart.WeekOfYear,
            "quarter" => DatePart.Quarter,
            "hour" => DatePart.Hour,
            "minute" => DatePart.Minute,
            "second" => DatePart.Second,
            _ => null,
        };
        if (part is { } p)
        {
            Arity(f, 1);
            var target = DatePartExpr.TakesTimestamp(p) ? SqlType.Timestamp : SqlType.Date;
            return new DatePartExpr(f.Name, p, Temporal(f, a[0], target));
        }
        switch (f.Name)
        {
            case "to_date":
                if (a.Count == 2)
                    throw new SqlUnsupportedException("to_date with a format pattern is not supported; to_date(x) and CAST(x AS DATE) are.");
                Arity(f, 1);
                var value = Bind(a[0], SqlType.String);
                return new ToDateExpr(Temporal(f, value, SqlType.Date), value.Pretty);
            case "datediff":
                Arity(f, 2);
                return new DateDiffExpr(Temporal(f, a[0], SqlType.Date), Temporal(f, a[1], SqlType.Date));
            case "date_add" or "date_sub":
                Arity(f, 2);
                var start = Temporal(f, a[0], SqlType.Date);
                var days = Bind(a[1], SqlType.Int);
                if (days.Type.Kind is not (SqlKind.Null or SqlKind.Byte or SqlKind.Short or SqlKind.Int))
                    throw new SqlUnsupportedException($"{f.Name} needs an INT number of days, but {days.Pretty} is {days.Type.Sql}.");
                return new DateAddExpr(f.Name, f.Name == "date_sub", start, Implicit(days, SqlType.Int));
            default:
                return null;
        }
    }

    private SqlExpr Temporal(FunctionNode f, SqlNode node, SqlType target) => Temporal(f, Bind(node, target), target);

    private static SqlExpr Temporal(FunctionNode f, SqlExpr e, SqlType target)
    {
        if (e.Type.Kind is SqlKind.Null or SqlKind.String || e.Type.IsTemporal)
            return Implicit(e, target);
        throw new SqlUnsupportedException($"{f.Name} needs a {target.Sql} (or a date/timestamp string), but {e.Pretty} is {e.Type.Sql}.");
    }
}
