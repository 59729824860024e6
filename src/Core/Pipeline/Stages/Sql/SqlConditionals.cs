using System.Text;
using System.Text.RegularExpressions;

namespace Ember.Pipeline.Sql;

/// <summary>
/// CASE WHEN c1 THEN v1 ... ELSE e END and IF(c, a, b) (conditionalExpressions.scala): the first
/// condition that is true (not NULL, not false) picks its value; no match and no ELSE gives NULL.
/// Branch values are coerced to one type by the binder. Every branch is evaluated for the batch;
/// a branch that would fail (ANSI) only fails rows that take it, as Spark evaluates lazily.
/// </summary>
internal sealed class CaseExpr(IReadOnlyList<SqlExpr> conditions, IReadOnlyList<SqlExpr> values, SqlExpr? otherwise, bool isIf, SqlType type)
    : SqlExpr(type)
{
    public override IReadOnlyList<SqlExpr> Children =>
        otherwise is null ? [.. conditions, .. values] : [.. conditions, .. values, otherwise];

    public override string Pretty
    {
        get
        {
            if (isIf)
                return $"(IF({conditions[0].Pretty}, {values[0].Pretty}, {otherwise!.Pretty}))";
            var sb = new StringBuilder("CASE");
            for (int i = 0; i < conditions.Count; i++)
                sb.Append(" WHEN ").Append(conditions[i].Pretty).Append(" THEN ").Append(values[i].Pretty);
            if (otherwise is not null)
                sb.Append(" ELSE ").Append(otherwise.Pretty);
            return sb.Append(" END").ToString();
        }
    }

    public override Vec Eval(EvalContext ctx)
    {
        // Which branch each row takes, decided before any value is computed.
        var output = ctx.Rent(Type);
        var taken = ctx.Rent(SqlType.Long);
        for (int r = 0; r < ctx.Rows; r++)
            taken.Longs![r] = -1;
        for (int i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i].Eval(ctx);
            for (int r = 0; r < ctx.Rows; r++)
                if (taken.Longs![r] < 0 && !c.Nulls[r] && c.Bools![r])
                    taken.Longs[r] = i;
        }
        for (int i = 0; i <= values.Count; i++)
        {
            var branch = i < values.Count ? values[i] : otherwise;
            if (branch is null)
                break;
            var v = new BranchContext(ctx, taken, i == values.Count ? -1 : i).Evaluate(branch);
            for (int r = 0; r < ctx.Rows; r++)
                if (ctx.Live(r) && taken.Longs![r] == (i == values.Count ? -1 : i))
                    output.CopyFrom(r, v);
        }
        return output;
    }

    /// <summary>Evaluates a branch with errors confined to the rows that take it.</summary>
    private readonly struct BranchContext(EvalContext ctx, Vec taken, long branch)
    {
        public Vec Evaluate(SqlExpr expr)
        {
            if (!ctx.Ansi)
                return expr.Eval(ctx);
            // Rows that do not take this branch are hidden from it (marked failed in a shadow
            // state), so an ANSI error in an untaken branch cannot fail them.
            var states = ctx.Frame.States;
            var saved = ctx.Rent(SqlType.Long);
            for (int r = 0; r < ctx.Rows; r++)
            {
                saved.Longs![r] = (long)states[r];
                if (states[r] == RowState.Ok && taken.Longs![r] != branch)
                    states[r] = RowState.Skipped;
            }
            var v = expr.Eval(ctx);
            for (int r = 0; r < ctx.Rows; r++)
                if (taken.Longs![r] != branch)
                    states[r] = (RowState)saved.Longs![r];
            return v;
        }
    }
}

/// <summary>COALESCE / NVL: the first non-NULL argument.</summary>
internal sealed class CoalesceExpr(string name, IReadOnlyList<SqlExpr> args, SqlType type) : SqlExpr(type)
{
    public override IReadOnlyList<SqlExpr> Children => args;

    public override string Pretty => $"{name}({string.Join(", ", args.Select(a => a.Pretty))})";

    public override Vec Eval(EvalContext ctx)
    {
        var output = ctx.Rent(Type);
        foreach (var arg in args)
        {
            var v = arg.Eval(ctx);
            for (int r = 0; r < ctx.Rows; r++)
                if (ctx.Live(r) && output.Nulls[r])
                    output.CopyFrom(r, v);
        }
        return output;
    }
}

/// <summary>
/// str LIKE pattern with a constant pattern (StringUtils.escapeLikeRegex): '_' is any one
/// character, '%' any run, '\' escapes the next '_', '%' or '\'; the match covers the whole string.
/// </summary>
internal sealed class LikeExpr : UnaryExpr
{
    private readonly Regex _regex;
    private readonly string _pattern;

    public LikeExpr(SqlExpr child, string pattern) : base(child, SqlType.Boolean)
    {
        _pattern = pattern;
        _regex = new Regex(ToRegex(pattern), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    public override string Pretty => $"{Child.Pretty} LIKE {_pattern}";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output) =>
        output.Set(r, _regex.IsMatch(input.Strings![r]!));

    /// <summary>Null when the pattern is invalid (a trailing or misplaced escape), with the reason.</summary>
    public static string? Validate(string pattern)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '\\')
                continue;
            if (i + 1 >= pattern.Length)
                return "it ends with the escape character '\\'";
            if (pattern[i + 1] is not ('_' or '%' or '\\'))
                return $"the escape character is not followed by '_', '%' or '\\' (at position {i})";
            i++;
        }
        return null;
    }

    private static string ToRegex(string pattern)
    {
        var sb = new StringBuilder("\\A(?:");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '_')
                sb.Append("(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|.)");
            else if (c == '%')
                sb.Append(".*");
            else
                sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.Append(")\\z").ToString();
    }
}
