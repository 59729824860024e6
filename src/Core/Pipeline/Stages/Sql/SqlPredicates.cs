namespace Ember.Pipeline.Sql;

internal enum CompareOp { Equal, NullSafeEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// Comparisons over operands coerced to one type (predicates.scala): NULL when either side is
/// NULL (except &lt;=&gt;); doubles order as Spark's SQLOrderingUtil (NaN = NaN, NaN above every
/// number, -0.0 = 0.0); strings compare by code point (UTF-8 byte order).
/// </summary>
internal sealed class CompareExpr(CompareOp op, SqlExpr left, SqlExpr right) : SqlExpr(SqlType.Boolean)
{
    public override IReadOnlyList<SqlExpr> Children => [left, right];

    public override string Pretty => $"({left.Pretty} {Symbol} {right.Pretty})";

    private string Symbol => op switch
    {
        CompareOp.Equal => "=",
        CompareOp.NullSafeEqual => "<=>",
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.Greater => ">",
        _ => ">=",
    };

    public override Vec Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        var b = right.Eval(ctx);
        var output = ctx.Rent(SqlType.Boolean);
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (!ctx.Live(r))
                continue;
            bool an = a.Nulls[r], bn = b.Nulls[r];
            if (an || bn)
            {
                if (op == CompareOp.NullSafeEqual)
                    output.Set(r, an && bn);
                continue;
            }
            int c = Compare(a, b, r);
            output.Set(r, op switch
            {
                CompareOp.Equal or CompareOp.NullSafeEqual => c == 0,
                CompareOp.Less => c < 0,
                CompareOp.LessOrEqual => c <= 0,
                CompareOp.Greater => c > 0,
                _ => c >= 0,
            });
        }
        return output;
    }

    public static int Compare(Vec a, Vec b, int r) => a.Type.Storage switch
    {
        VecStorage.Long => a.Longs![r].CompareTo(b.Longs![r]),
        VecStorage.Double => CompareDoubles(a.Doubles![r], b.Doubles![r]),
        VecStorage.Decimal => a.Decimals![r].CompareTo(b.Decimals![r]),
        VecStorage.Bool => a.Bools![r].CompareTo(b.Bools![r]),
        VecStorage.String => CompareCodePoints(a.Strings![r]!, b.Strings![r]!),
        _ => 0,
    };

    /// <summary>SQLOrderingUtil.compareDoubles.</summary>
    public static int CompareDoubles(double x, double y)
    {
        if (x < y) return -1;
        if (x > y) return 1;
        if (x == y) return 0;
        bool xn = double.IsNaN(x), yn = double.IsNaN(y);
        return xn && yn ? 0 : xn ? 1 : -1;
    }

    /// <summary>Code point order (UTF-8 byte order), unlike UTF-16 ordinal order for supplementary characters.</summary>
    public static int CompareCodePoints(string x, string y)
    {
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            char a = x[i], b = y[i];
            if (a == b)
                continue;
            return CodePointKey(a) - CodePointKey(b);
        }
        return x.Length - y.Length;
    }

    /// <summary>Moves surrogates (code points above U+FFFF) after U+E000–U+FFFF, as code point order puts them.</summary>
    private static int CodePointKey(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
}

/// <summary>AND / OR with SQL's three-valued logic.</summary>
internal sealed class LogicExpr(bool isAnd, SqlExpr left, SqlExpr right) : SqlExpr(SqlType.Boolean)
{
    public override IReadOnlyList<SqlExpr> Children => [left, right];

    public override string Pretty => $"({left.Pretty} {(isAnd ? "AND" : "OR")} {right.Pretty})";

    public override Vec Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        var b = right.Eval(ctx);
        var output = ctx.Rent(SqlType.Boolean);
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (!ctx.Live(r))
                continue;
            bool an = a.Nulls[r], bn = b.Nulls[r];
            bool av = !an && a.Bools![r], bv = !bn && b.Bools![r];
            if (isAnd)
            {
                if ((!an && !av) || (!bn && !bv)) output.Set(r, false);
                else if (!an && !bn) output.Set(r, true);
            }
            else
            {
                if (av || bv) output.Set(r, true);
                else if (!an && !bn) output.Set(r, false);
            }
        }
        return output;
    }
}

internal sealed class NotExpr(SqlExpr child) : UnaryExpr(child, SqlType.Boolean)
{
    public override string Pretty => $"(NOT {Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output) => output.Set(r, !input.Bools![r]);
}

/// <summary>IS [NOT] NULL: never NULL itself.</summary>
internal sealed class IsNullExpr(SqlExpr child, bool negated) : SqlExpr(SqlType.Boolean)
{
    public override IReadOnlyList<SqlExpr> Children => [child];

    public override string Pretty => $"({child.Pretty} IS {(negated ? "NOT " : "")}NULL)";

    public override Vec Eval(EvalContext ctx)
    {
        var a = child.Eval(ctx);
        var output = ctx.Rent(SqlType.Boolean);
        for (int r = 0; r < ctx.Rows; r++)
            if (ctx.Live(r))
                output.Set(r, a.Nulls[r] != negated);
        return output;
    }
}

/// <summary>x IN (v1, v2...): true on a match, else NULL when x or any value is NULL, else false (In.eval).</summary>
internal sealed class InExpr(SqlExpr value, IReadOnlyList<SqlExpr> list) : SqlExpr(SqlType.Boolean)
{
    public override IReadOnlyList<SqlExpr> Children => [value, .. list];

    public override string Pretty => $"({value.Pretty} IN ({string.Join(", ", list.Select(l => l.Pretty))}))";

    public override Vec Eval(EvalContext ctx)
    {
        var v = value.Eval(ctx);
        var items = new Vec[list.Count];
        for (int i = 0; i < items.Length; i++)
            items[i] = list[i].Eval(ctx);
        var output = ctx.Rent(SqlType.Boolean);
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (!ctx.Live(r) || v.Nulls[r])
                continue;
            bool sawNull = false, found = false;
            foreach (var item in items)
            {
                if (item.Nulls[r]) { sawNull = true; continue; }
                if (CompareExpr.Compare(v, item, r) == 0) { found = true; break; }
            }
            if (found) output.Set(r, true);
            else if (!sawNull) output.Set(r, false);
        }
        return output;
    }
}
