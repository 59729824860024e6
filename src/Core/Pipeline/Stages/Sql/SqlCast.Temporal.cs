namespace Ember.Pipeline.Sql;

/// <summary>
/// CAST to and from DATE and TIMESTAMP (Cast.scala castToDate / castToTimestamp, session zone UTC):
/// strings go through Spark's own parsers (invalid: NULL, or CAST_INVALID_INPUT under ANSI);
/// a timestamp's date is its UTC calendar day; a date's timestamp is its UTC midnight. Casts
/// between dates/timestamps and numbers or booleans are refused at load (they differ between
/// ANSI and legacy mode and between Spark versions).
/// </summary>
internal sealed partial class CastExpr
{
    private static bool CanCastTemporal(SqlType from, SqlType to) =>
        (from.IsTemporal && (to.IsTemporal || to.Kind == SqlKind.String))
        || (from.Kind == SqlKind.String && to.IsTemporal);

    private void ToDate(EvalContext ctx, Vec input, int r, Vec output)
    {
        switch (input.Type.Kind)
        {
            case SqlKind.Timestamp:
                output.Set(r, SqlDateTime.DaysOfMicros(input.Longs![r]));
                break;
            case SqlKind.String:
                if (SqlDateTimeParser.TryParseDate(input.Strings![r]!, out long days))
                    output.Set(r, days);
                else
                    Malformed(ctx, input, r);
                break;
        }
    }

    private void ToTimestamp(EvalContext ctx, Vec input, int r, Vec output)
    {
        switch (input.Type.Kind)
        {
            case SqlKind.Date:
                if (SqlDateTime.TryDaysToMicros(input.Longs![r], out long start))
                    output.Set(r, start);
                else // instantToMicros' multiplyExact throws in both modes
                    ctx.Fail(r, $"[DATETIME_OVERFLOW] The date {input.Render(r)} is outside the range of TIMESTAMP.", input.Render(r));
                break;
            case SqlKind.String:
                string text = input.Strings![r]!;
                switch (SqlDateTimeParser.ParseTimestamp(text, out long micros))
                {
                    case TimestampParse.Ok:
                        output.Set(r, micros);
                        break;
                    case TimestampParse.Invalid:
                        Malformed(ctx, input, r);
                        break;
                    default:
                        ctx.Fail(r, $"The value '{text}' names a time without a date (Spark would take today's date) or a region time zone; Ember cannot reproduce that: give a date and a UTC offset.", text);
                        break;
                }
                break;
        }
    }

    private void Malformed(EvalContext ctx, Vec input, int r)
    {
        if (ctx.Ansi)
            ctx.Fail(r, $"[CAST_INVALID_INPUT] The value '{input.Strings![r]}' of the type \"STRING\" cannot be cast to \"{Type.Sql}\" because it is malformed.", input.Strings[r]);
    }
}
