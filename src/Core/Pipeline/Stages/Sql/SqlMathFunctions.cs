using System.Globalization;

namespace Ember.Pipeline.Sql;

/// <summary>
/// Double → double functions (mathExpressions.scala): sqrt, exp, ln/log, log10, log2, log1p, sign.
/// The logarithms give NULL at or below their asymptote (UnaryLogExpression), sqrt of a negative
/// is NaN. .NET's Math may differ from java.lang.Math by one ulp on some inputs.
/// </summary>
internal sealed class DoubleFunctionExpr(string pretty, string name, SqlExpr child) : UnaryExpr(child, SqlType.Double)
{
    public override string Pretty => $"{pretty}({Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        double x = input.Doubles![r];
        switch (name)
        {
            case "sqrt": output.Set(r, Math.Sqrt(x)); break;
            case "exp": output.Set(r, Math.Exp(x)); break;
            case "ln" or "log": if (x > 0) output.Set(r, Math.Log(x)); break;
            case "log10": if (x > 0) output.Set(r, Math.Log10(x)); break;
            case "log2": if (x > 0) output.Set(r, Math.Log2(x)); break;
            case "log1p": if (x > -1) output.Set(r, Log1p(x)); break;
            default: output.Set(r, double.IsNaN(x) || x == 0 ? x : Math.Sign(x)); break; // signum keeps NaN and ±0.0
        }
    }

    /// <summary>log(1+x) without the cancellation of forming 1+x for small x.</summary>
    private static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}

/// <summary>pow(x, y) / power(x, y) and log(base, x) over doubles.</summary>
internal sealed class DoubleBinaryFunctionExpr(string pretty, bool isLog, SqlExpr left, SqlExpr right) : NullIntolerantExpr([left, right], SqlType.Double)
{
    public override string Pretty => $"{pretty}({left.Pretty}, {right.Pretty})";

    protected override void Compute(EvalContext ctx, Vec[] inputs, int r, Vec output)
    {
        double x = inputs[0].Doubles![r], y = inputs[1].Doubles![r];
        if (!isLog)
            output.Set(r, Math.Pow(x, y));
        else if (x > 0 && y > 0)
            output.Set(r, Math.Log(y) / Math.Log(x)); // Logarithm: null when base or value <= 0
    }
}

/// <summary>abs: integral MIN_VALUE wraps (non-ANSI) or fails with ARITHMETIC_OVERFLOW (ANSI).</summary>
internal sealed class AbsExpr(SqlExpr child) : UnaryExpr(child, child.Type)
{
    public override string Pretty => $"abs({Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        switch (Type.Storage)
        {
            case VecStorage.Long:
                long x = input.Longs![r];
                long a = x < 0 ? ArithmeticExpr.Wrap(unchecked(-x), Type.Kind) : x;
                if (a < 0 && ctx.Ansi) { ctx.Fail(r, $"[ARITHMETIC_OVERFLOW] {Type.Sql.ToLowerInvariant()} overflow in abs({x})."); return; }
                output.Set(r, a);
                break;
            case VecStorage.Double: output.Set(r, Math.Abs(input.Doubles![r])); break;
            case VecStorage.Decimal: output.Set(r, Math.Abs(input.Decimals![r])); break;
        }
    }
}

/// <summary>
/// round(x, d) HALF_UP and bround(x, d) HALF_EVEN (RoundBase): doubles round their Double.toString
/// decimal (BigDecimal(d).setScale), NaN and infinities pass; integral inputs keep their type and
/// round to tens for d &lt; 0.
/// </summary>
internal sealed class RoundExpr(bool halfEven, SqlExpr child, int scale) : UnaryExpr(child, child.Type)
{
    public override string Pretty => $"{(halfEven ? "bround" : "round")}({Child.Pretty}, {scale.ToString(CultureInfo.InvariantCulture)})";

    private MidpointRounding Mode => halfEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero;

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        if (Type.Storage == VecStorage.Long)
        {
            long x = input.Longs![r];
            if (scale >= 0 || scale < -18)
            {
                output.Set(r, scale >= 0 ? x : 0);
                return;
            }
            decimal unit = Pow10(-scale);
            decimal rounded = Math.Round(x / unit, 0, Mode) * unit;
            output.Set(r, ArithmeticExpr.Wrap(rounded >= long.MinValue && rounded <= long.MaxValue ? (long)rounded : 0, Type.Kind));
            return;
        }
        double d = input.Doubles![r];
        if (!double.IsFinite(d) || !SqlDecimal.TryFromDouble(Type.Kind == SqlKind.Float ? (double)(float)d : d, out var value))
        {
            output.Set(r, d);
            return;
        }
        decimal result = scale >= 0
            ? Math.Round(value, Math.Min(scale, 28), Mode)
            : Math.Round(value / Pow10(Math.Min(-scale, 28)), 0, Mode) * Pow10(Math.Min(-scale, 28));
        double back = SqlDecimal.ToDouble(result);
        output.Set(r, Type.Kind == SqlKind.Float ? (float)back : back);
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1m;
        for (int i = 0; i < n; i++)
            p *= 10m;
        return p;
    }
}

/// <summary>floor / ceil of a double or integral: BIGINT (Math.floor then Java's saturating (long)).</summary>
internal sealed class FloorCeilExpr(bool ceil, SqlExpr child) : UnaryExpr(child, SqlType.Long)
{
    public override string Pretty => $"{(ceil ? "CEIL" : "FLOOR")}({Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        if (Child.Type.Storage == VecStorage.Long)
            output.Set(r, input.Longs![r]);
        else
            output.Set(r, JavaMath.DoubleToLong(ceil ? Math.Ceiling(input.Doubles![r]) : Math.Floor(input.Doubles![r])));
    }
}

/// <summary>greatest / least: NULLs skipped, NULL only when all are; NaN is the largest double.</summary>
internal sealed class GreatestExpr(bool greatest, IReadOnlyList<SqlExpr> args, SqlType type) : SqlExpr(type)
{
    public override IReadOnlyList<SqlExpr> Children => args;

    public override string Pretty => $"{(greatest ? "greatest" : "least")}({string.Join(", ", args.Select(a => a.Pretty))})";

    public override Vec Eval(EvalContext ctx)
    {
        var output = ctx.Rent(Type);
        foreach (var arg in args)
        {
            var v = arg.Eval(ctx);
            for (int r = 0; r < ctx.Rows; r++)
            {
                if (!ctx.Live(r) || v.Nulls[r])
                    continue;
                if (output.Nulls[r] || (CompareExpr.Compare(v, output, r) is var c && (greatest ? c > 0 : c < 0)))
                    output.CopyFrom(r, v);
            }
        }
        return output;
    }
}
