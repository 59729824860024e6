namespace Ember.Pipeline.Sql;

internal enum ArithmeticOp { Add, Subtract, Multiply, Divide, Remainder, IntegralDivide }

/// <summary>
/// + - * / % div over operands already coerced to one type (Spark's Arithmetic.scala after type
/// coercion). Integral results wrap as Java's int/long arithmetic (non-ANSI) or fail the row
/// with ARITHMETIC_OVERFLOW (ANSI); / and % by zero give NULL (non-ANSI) or DIVIDE_BY_ZERO
/// (ANSI) — the right side is checked first and a NULL left side wins over the error, as
/// DivModLike.eval does; float arithmetic rounds to float; decimals are computed exactly and
/// rounded HALF_UP to the result type (DecimalPrecision), NULL or NUMERIC_VALUE_OUT_OF_RANGE
/// when the result needs more digits.
/// </summary>
internal sealed class ArithmeticExpr(ArithmeticOp op, SqlExpr left, SqlExpr right, SqlType type) : SqlExpr(type)
{
    public ArithmeticOp Op { get; } = op;

    public override IReadOnlyList<SqlExpr> Children => [left, right];

    public override string Pretty => $"({left.Pretty} {Symbol} {right.Pretty})";

    private string Symbol => Op switch
    {
        ArithmeticOp.Add => "+",
        ArithmeticOp.Subtract => "-",
        ArithmeticOp.Multiply => "*",
        ArithmeticOp.Divide => "/",
        ArithmeticOp.Remainder => "%",
        _ => "div",
    };

    private bool DivLike => Op is ArithmeticOp.Divide or ArithmeticOp.Remainder or ArithmeticOp.IntegralDivide;

    public override Vec Eval(EvalContext ctx)
    {
        var a = left.Eval(ctx);
        var b = right.Eval(ctx);
        var output = ctx.Rent(Type);
        var operand = left.Type;
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (!ctx.Live(r) || b.Nulls[r])
                continue;
            if (DivLike && IsZero(b, r))
            {
                if (ctx.Ansi && !a.Nulls[r])
                    ctx.Fail(r, "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.", b.Render(r));
                continue;
            }
            if (a.Nulls[r])
                continue;
            switch (operand.Storage)
            {
                case VecStorage.Long: Integral(ctx, operand.Kind, a.Longs![r], b.Longs![r], r, output); break;
                case VecStorage.Double: Floating(operand.Kind == SqlKind.Float, a.Doubles![r], b.Doubles![r], r, output); break;
                case VecStorage.Decimal: Decimal(ctx, a.Decimals![r], b.Decimals![r], r, output); break;
            }
        }
        return output;
    }

    private static bool IsZero(Vec v, int r) => v.Type.Storage switch
    {
        VecStorage.Long => v.Longs![r] == 0,
        VecStorage.Double => v.Doubles![r] == 0,
        VecStorage.Decimal => v.Decimals![r] == 0m,
        _ => false,
    };

    private void Integral(EvalContext ctx, SqlKind kind, long x, long y, int r, Vec output)
    {
        long result;
        bool overflow;
        switch (Op)
        {
            case ArithmeticOp.Add: result = unchecked(x + y); overflow = kind == SqlKind.Long && ((x ^ result) & (y ^ result)) < 0; break;
            case ArithmeticOp.Subtract: result = unchecked(x - y); overflow = kind == SqlKind.Long && ((x ^ y) & (x ^ result)) < 0; break;
            case ArithmeticOp.Multiply:
                result = unchecked(x * y);
                overflow = kind == SqlKind.Long && (Math.BigMul(x, y, out long low) != (low >> 63) || low != result);
                break;
            case ArithmeticOp.Remainder:
                // Java's % of MIN_VALUE by -1 is 0; C# throws.
                result = y == -1 ? 0 : x % y;
                overflow = false;
                break;
            default: // IntegralDivide: operands are long; MIN_VALUE div -1 wraps (ANSI: overflow).
                result = y == -1 ? unchecked(-x) : x / y;
                overflow = y == -1 && x == long.MinValue;
                break;
        }
        long wrapped = Wrap(result, Type.Kind);
        if (kind != SqlKind.Long && Op != ArithmeticOp.IntegralDivide)
            overflow = wrapped != result;
        if (overflow && ctx.Ansi)
        {
            ctx.Fail(r, $"[ARITHMETIC_OVERFLOW] {Type.Sql.ToLowerInvariant()} overflow in {x} {Symbol} {y}. Use 'try_{Name}' to tolerate overflow and return NULL instead.");
            return;
        }
        output.Set(r, wrapped);
    }

    private string Name => Op switch
    {
        ArithmeticOp.Add => "add",
        ArithmeticOp.Subtract => "subtract",
        ArithmeticOp.Multiply => "multiply",
        _ => "divide",
    };

    private void Floating(bool isFloat, double x, double y, int r, Vec output)
    {
        double result = Op switch
        {
            ArithmeticOp.Add => x + y,
            ArithmeticOp.Subtract => x - y,
            ArithmeticOp.Multiply => x * y,
            ArithmeticOp.Divide => x / y,
            _ => x % y,
        };
        output.Set(r, isFloat ? (float)result : result);
    }

    private void Decimal(EvalContext ctx, decimal x, decimal y, int r, Vec output)
    {
        decimal result;
        try
        {
            result = Op switch
            {
                ArithmeticOp.Add => x + y,
                ArithmeticOp.Subtract => x - y,
                ArithmeticOp.Multiply => x * y,
                ArithmeticOp.Divide => x / y,
                ArithmeticOp.Remainder => x % y,
                _ => decimal.Truncate(x / y),
            };
        }
        catch (OverflowException)
        {
            DecimalOverflow(ctx, r);
            return;
        }
        if (Op == ArithmeticOp.IntegralDivide)
        {
            if (result >= long.MinValue && result <= long.MaxValue)
                output.Set(r, (long)result);
            else
                DecimalOverflow(ctx, r);
            return;
        }
        if (SqlDecimal.TryFit(result, Type, out var fitted))
            output.Set(r, fitted);
        else
            DecimalOverflow(ctx, r);
    }

    private void DecimalOverflow(EvalContext ctx, int r)
    {
        if (ctx.Ansi)
            ctx.Fail(r, $"[NUMERIC_VALUE_OUT_OF_RANGE] The result of {Pretty} cannot be represented as {Type.Sql}.");
    }

    /// <summary>Java's narrowing of a long to the integral type (int/short/byte wrap).</summary>
    public static long Wrap(long value, SqlKind kind) => kind switch
    {
        SqlKind.Int => unchecked((int)value),
        SqlKind.Short => unchecked((short)value),
        SqlKind.Byte => unchecked((sbyte)value),
        _ => value,
    };
}

/// <summary>Unary minus (UnaryMinus): wraps MIN_VALUE non-ANSI, ARITHMETIC_OVERFLOW under ANSI.</summary>
internal sealed class NegateExpr(SqlExpr child) : UnaryExpr(child, child.Type)
{
    public override string Pretty => $"(- {Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        switch (Type.Storage)
        {
            case VecStorage.Long:
                long x = input.Longs![r];
                long negated = SqlArithmetic.Wrap(unchecked(-x), Type.Kind);
                if (negated == x && x != 0 && ctx.Ansi)
                {
                    ctx.Fail(r, $"[ARITHMETIC_OVERFLOW] {Type.Sql.ToLowerInvariant()} overflow in - {x}.");
                    return;
                }
                output.Set(r, negated);
                break;
            case VecStorage.Double: output.Set(r, -input.Doubles![r]); break;
            case VecStorage.Decimal: output.Set(r, -input.Decimals![r]); break;
        }
    }
}

internal static class SqlArithmetic
{
    public static long Wrap(long value, SqlKind kind) => ArithmeticExpr.Wrap(value, kind);
}
