using System.Globalization;
using System.Numerics;

namespace Ember.Pipeline.Sql;

/// <summary>
/// Resolves a parsed expression against the pipeline's columns and types it as Spark's analyzer
/// would for the subset (TypeCoercion / DecimalPrecision): integral operands widen to the wider
/// integral, any float/double makes the operation double (float with integrals), decimals meet
/// integrals as DECIMAL (integral literals with their own digit count, DecimalType.fromLiteral)
/// and doubles as DOUBLE, '/' is always fractional. Mixing strings with numbers implicitly is
/// refused (its rules differ between ANSI and legacy mode): CAST explicitly.
/// </summary>
internal sealed partial class SqlBinder(PipelineBuilder builder, string? tableAlias = null)
{
    /// <summary>Binds an expression; <paramref name="hint"/> is the type a raw input nobody declared is read as.</summary>
    public SqlExpr Bind(SqlNode node, SqlType? hint = null) => node switch
    {
        IdentNode id => Column(id, hint),
        NumberNode n => Number(n),
        StringNode s => new LiteralExpr(s.Value, SqlType.String, s.Value),
        TypedLiteralNode t => TypedLiteral(t),
        BoolNode b => new LiteralExpr(b.Value, SqlType.Boolean, b.Value ? "true" : "false"),
        NullNode => new LiteralExpr(null, SqlType.Null, "NULL"),
        UnaryNode u => Unary(u),
        NotNode n => new NotExpr(Boolean(n.Operand, "NOT")),
        BinaryNode b => Binary(b),
        IsNullNode n => new IsNullExpr(Bind(n.Operand), n.Negated),
        BetweenNode b => Between(b),
        InNode i => In(i),
        LikeNode l => Like(l),
        CaseNode c => Case(c),
        CastNode c => Cast(c),
        FunctionNode f => Function(f),
        StarNode => throw new SqlUnsupportedException("'*' is only supported as a SELECT item."),
        _ => throw new SqlUnsupportedException($"{node.GetType().Name} is not supported."),
    };

    /// <summary>The column named by a plain reference (any type, vectors included) or null when the node is not one.</summary>
    public ColumnInfo? PlainColumn(SqlNode node) =>
        node is IdentNode id ? Resolve(id, TypeSet.Any, SparkType.Double) : null;

    private ColumnInfo Resolve(IdentNode id, TypeSet accepts, SparkType preferred)
    {
        if (id.Qualifier is { } q && q != "__THIS__" && q != tableAlias)
            throw new SqlUnsupportedException($"'{q}.{id.Name}' refers to a table other than the input.");
        return builder.Read(id.Name, accepts, preferred);
    }

    private ColumnExpr Column(IdentNode id, SqlType? hint)
    {
        var preferred = hint is { Kind: not SqlKind.Null } h ? h.ToSparkType() : SparkType.Double;
        var column = Resolve(id, TypeSet.Numeric | TypeSet.Boolean | TypeSet.String | TypeSet.StringArray | TypeSet.Temporal, preferred);
        var type = SqlType.FromSparkType(column.Type)
            ?? throw new SqlUnsupportedException($"column '{column.Name}' has type {column.Type}, which SQL expressions here cannot compute with (select it as is).");
        return new ColumnExpr(column.Name, column.Slot, type);
    }

    /// <summary>Spark's number literals: 12 INT (BIGINT, then DECIMAL when larger), 12L/12S/12Y, 1.5 DECIMAL(2,1), 1.5E2 and 1.5D DOUBLE, 1.5F FLOAT, 1.5BD DECIMAL.</summary>
    private static LiteralExpr Number(NumberNode n)
    {
        string text = n.Negative ? "-" + n.Text : n.Text;
        string upper = text.ToUpperInvariant();
        var inv = CultureInfo.InvariantCulture;
        if (upper.EndsWith("BD", StringComparison.Ordinal))
            return DecimalLiteral(text[..^2]);
        char suffix = upper[^1];
        string body = char.IsAsciiLetter(suffix) ? text[..^1] : text;
        switch (suffix)
        {
            case 'D' or 'F':
                double d = double.Parse(body, NumberStyles.Float, inv);
                return suffix == 'F'
                    ? new LiteralExpr((double)(float)d, SqlType.Float, JavaNumberFormat.FormatFloat((float)d))
                    : new LiteralExpr(d, SqlType.Double, JavaNumberFormat.FormatDouble(d));
            case 'L' or 'S' or 'Y':
                var kind = suffix == 'L' ? SqlKind.Long : suffix == 'S' ? SqlKind.Short : SqlKind.Byte;
                if (!long.TryParse(body, NumberStyles.AllowLeadingSign, inv, out long l) || ArithmeticExpr.Wrap(l, kind) != l)
                    throw new SqlUnsupportedException($"the literal {text} is out of range for {new SqlType(kind).Sql}.");
                return new LiteralExpr(l, new SqlType(kind), l.ToString(inv));
        }
        if (upper.Contains('E'))
        {
            double d = double.Parse(text, NumberStyles.Float, inv);
            return new LiteralExpr(d, SqlType.Double, JavaNumberFormat.FormatDouble(d));
        }
        if (text.Contains('.'))
            return DecimalLiteral(text);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out long v))
            return new LiteralExpr(v, v is >= int.MinValue and <= int.MaxValue ? SqlType.Int : SqlType.Long, v.ToString(inv));
        return DecimalLiteral(text);
    }

    /// <summary>A BigDecimal literal: DECIMAL(max(precision, scale), scale) of its digits as written.</summary>
    private static LiteralExpr DecimalLiteral(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new SqlUnsupportedException($"the literal {text} has more digits than Ember's decimals hold (28).");
        int scale = value.Scale;
        var unscaled = BigInteger.Abs(new BigInteger(decimal.Truncate(value * Pow10(scale))));
        int precision = unscaled.IsZero ? 1 : unscaled.ToString(CultureInfo.InvariantCulture).Length;
        if (Math.Max(precision, scale) > SqlType.MaxPrecision)
            throw new SqlUnsupportedException($"the literal {text} exceeds DECIMAL(38).");
        return new LiteralExpr(value, SqlType.Decimal(Math.Max(precision, scale), scale), value.ToString(CultureInfo.InvariantCulture));
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1m;
        for (int i = 0; i < n; i++)
            p *= 10m;
        return p;
    }

    /// <summary>DATE '…' and TIMESTAMP '…' literals: parsed once, as Spark's parser does; invalid text fails the load.</summary>
    private static LiteralExpr TypedLiteral(TypedLiteralNode t)
    {
        if (t.Type.Kind == SqlKind.Date)
            return SqlDateTimeParser.TryParseDate(t.Text, out long days)
                ? new LiteralExpr(days, SqlType.Date, SqlDateTime.FormatDate(days))
                : throw new SqlUnsupportedException($"cannot parse the DATE value '{t.Text}'.");
        return SqlDateTimeParser.ParseTimestamp(t.Text, out long micros) switch
        {
            TimestampParse.Ok => new LiteralExpr(micros, SqlType.Timestamp, SqlDateTime.FormatTimestamp(micros)),
            TimestampParse.Invalid => throw new SqlUnsupportedException($"cannot parse the TIMESTAMP value '{t.Text}'."),
            _ => throw new SqlUnsupportedException($"TIMESTAMP '{t.Text}' has no date (Spark takes today's) or a region time zone; give a date and a UTC offset."),
        };
    }

    private SqlExpr Unary(UnaryNode u)
    {
        var operand = Numeric(u.Operand, u.Op);
        return u.Op == "+" ? operand : new NegateExpr(operand);
    }

    private SqlExpr Binary(BinaryNode b)
    {
        switch (b.Op)
        {
            case "AND" or "OR":
                return new LogicExpr(b.Op == "AND", Boolean(b.Left, b.Op), Boolean(b.Right, b.Op));
            case "||":
                return new ConcatExpr(false, [AsString(Bind(b.Left, SqlType.String)), AsString(Bind(b.Right, SqlType.String))]);
            case "=" or "==" or "<=>" or "!=" or "<>" or "<" or "<=" or ">" or ">=":
                var (l, r) = BindPair(b.Left, b.Right);
                (l, r) = Comparable(l, r, b.Op);
                var op = b.Op switch
                {
                    "=" or "==" or "!=" or "<>" => CompareOp.Equal,
                    "<=>" => CompareOp.NullSafeEqual,
                    "<" => CompareOp.Less,
                    "<=" => CompareOp.LessOrEqual,
                    ">" => CompareOp.Greater,
                    _ => CompareOp.GreaterOrEqual,
                };
                SqlExpr cmp = new CompareExpr(op, l, r);
                return b.Op is "!=" or "<>" ? new NotExpr(cmp) : cmp;
            default:
                return Arithmetic(b);
        }
    }

    /// <summary>Binds both sides, reading an undeclared column of one side as the other side's type.</summary>
    private (SqlExpr Left, SqlExpr Right) BindPair(SqlNode left, SqlNode right)
    {
        if (left is IdentNode && right is not IdentNode)
        {
            var r = Bind(right);
            return (Bind(left, r.Type), r);
        }
        var l = Bind(left);
        return (l, Bind(right, l.Type));
    }

    private SqlExpr Arithmetic(BinaryNode b)
    {
        var (l, r) = BindPair(b.Left, b.Right);
        foreach (var side in (SqlExpr[])[l, r])
            if (!side.Type.IsNumeric && side.Type.Kind != SqlKind.Null)
                throw new SqlUnsupportedException($"'{b.Op}' needs numbers, but {side.Pretty} is {side.Type.Sql}; CAST it explicitly.");
        var op = b.Op switch
        {
            "+" => ArithmeticOp.Add,
            "-" => ArithmeticOp.Subtract,
            "*" => ArithmeticOp.Multiply,
            "/" => ArithmeticOp.Divide,
            "%" => ArithmeticOp.Remainder,
            "div" => ArithmeticOp.IntegralDivide,
            _ => throw new SqlUnsupportedException($"the operator '{b.Op}' is not supported."),
        };
        var lt = l.Type.Kind == SqlKind.Null ? r.Type : l.Type;
        var rt = r.Type.Kind == SqlKind.Null ? l.Type : r.Type;
        if (lt.Kind == SqlKind.Null)
            lt = rt = op == ArithmeticOp.IntegralDivide ? SqlType.Long : SqlType.Double;
        bool anyDecimal = lt.Kind == SqlKind.Decimal || rt.Kind == SqlKind.Decimal;
        bool anyFloating = lt.IsFloating || rt.IsFloating;
        if (op == ArithmeticOp.IntegralDivide && !anyDecimal)
        {
            if (anyFloating)
                throw new SqlUnsupportedException($"'div' needs integral or decimal operands, but {(lt.IsFloating ? l : r).Pretty} is {(lt.IsFloating ? lt : rt).Sql}.");
            return new ArithmeticExpr(op, Implicit(l, SqlType.Long), Implicit(r, SqlType.Long), SqlType.Long);
        }
        if (anyDecimal && !anyFloating)
        {
            var ld = DecimalOperand(l, lt);
            var rd = DecimalOperand(r, rt);
            var result = op == ArithmeticOp.IntegralDivide ? SqlType.Long : DecimalResult(op, ld, rd);
            return new ArithmeticExpr(op, Implicit(l, ld), Implicit(r, rd), result);
        }
        SqlType operand = op == ArithmeticOp.Divide || lt.Kind == SqlKind.Double || rt.Kind == SqlKind.Double || anyDecimal
            ? SqlType.Double
            : anyFloating ? SqlType.Float : WiderIntegral(lt, rt);
        return new ArithmeticExpr(op, Implicit(l, operand), Implicit(r, operand), operand);
    }

    /// <summary>The decimal an operand takes in decimal arithmetic: integral literals keep their digit count (DecimalType.fromLiteral).</summary>
    private static SqlType DecimalOperand(SqlExpr e, SqlType t) =>
        t.Kind == SqlKind.Decimal ? t
        : e is LiteralExpr { Value: long v } && t.IsIntegral ? SqlDecimal.ForIntegralLiteral(v)
        : t.AsDecimal();

    /// <summary>DecimalPrecision's result types, with allowPrecisionLoss (the default).</summary>
    private static SqlType DecimalResult(ArithmeticOp op, SqlType a, SqlType b)
    {
        int p1 = a.Precision, s1 = a.Scale, p2 = b.Precision, s2 = b.Scale;
        switch (op)
        {
            case ArithmeticOp.Add or ArithmeticOp.Subtract:
                int scale = Math.Max(s1, s2);
                return SqlType.AdjustedDecimal(Math.Max(p1 - s1, p2 - s2) + scale + 1, scale);
            case ArithmeticOp.Multiply:
                return SqlType.AdjustedDecimal(p1 + p2 + 1, s1 + s2);
            case ArithmeticOp.Divide:
                int divScale = Math.Max(6, s1 + p2 + 1);
                return SqlType.AdjustedDecimal(p1 - s1 + s2 + divScale, divScale);
            default:
                return SqlType.AdjustedDecimal(Math.Min(p1 - s1, p2 - s2) + Math.Max(s1, s2), Math.Max(s1, s2));
        }
    }

    private static SqlType WiderIntegral(SqlType a, SqlType b) => a.Kind >= b.Kind ? a : b;

    /// <summary>Both sides of a comparison (or IN) coerced to one type.</summary>
    private static (SqlExpr, SqlExpr) Comparable(SqlExpr l, SqlExpr r, string op)
    {
        var t = Wider(l.Type, r.Type, forComparison: true)
            ?? throw new SqlUnsupportedException($"'{op}' compares {l.Pretty} ({l.Type.Sql}) with {r.Pretty} ({r.Type.Sql}); Ember needs both sides of the same kind: CAST one explicitly.");
        return (Implicit(l, t), Implicit(r, t));
    }

    /// <summary>The type two values meet at (findWiderTypeForTwo for the subset); null when Ember refuses to guess.</summary>
    internal static SqlType? Wider(SqlType a, SqlType b, bool forComparison = false)
    {
        if (a == b) return a;
        if (a.Kind == SqlKind.Null) return b;
        if (b.Kind == SqlKind.Null) return a;
        // findWiderTypeForTwo: a date meets a timestamp as TIMESTAMP. Comparing with a string
        // casts the string (findCommonTypeForBinaryComparison, castDatetimeToString = false; ANSI
        // promotes the string too); elsewhere date and string meet differently per mode: refused.
        if (a.IsTemporal && b.IsTemporal) return SqlType.Timestamp;
        if (forComparison && a.IsTemporal && b.Kind == SqlKind.String) return a;
        if (forComparison && b.IsTemporal && a.Kind == SqlKind.String) return b;
        if (!a.IsNumeric || !b.IsNumeric) return null;
        if (a.Kind == SqlKind.Double || b.Kind == SqlKind.Double) return SqlType.Double;
        if (a.Kind == SqlKind.Decimal || b.Kind == SqlKind.Decimal)
        {
            if (a.IsFloating || b.IsFloating) return SqlType.Double;
            var x = a.AsDecimal();
            var y = b.AsDecimal();
            int scale = Math.Max(x.Scale, y.Scale);
            return SqlType.BoundedDecimal(Math.Max(x.Precision - x.Scale, y.Precision - y.Scale) + scale, scale);
        }
        if (a.Kind == SqlKind.Float || b.Kind == SqlKind.Float) return SqlType.Float;
        return WiderIntegral(a, b);
    }

    /// <summary>An implicit cast (hidden in generated names), or the expression itself.</summary>
    internal static SqlExpr Implicit(SqlExpr e, SqlType target) =>
        e.Type == target ? e
        : e is LiteralExpr { Value: null } ? new LiteralExpr(null, target, "NULL")
        : new CastExpr(e, target, userSpecified: false);

    private SqlExpr Numeric(SqlNode node, string context)
    {
        var e = Bind(node, SqlType.Double);
        if (!e.Type.IsNumeric && e.Type.Kind != SqlKind.Null)
            throw new SqlUnsupportedException($"{context} needs a number, but {e.Pretty} is {e.Type.Sql}; CAST it explicitly.");
        return e.Type.Kind == SqlKind.Null ? Implicit(e, SqlType.Double) : e;
    }

    private SqlExpr Boolean(SqlNode node, string context)
    {
        var e = Bind(node, SqlType.Boolean);
        if (e.Type.Kind == SqlKind.Null)
            return Implicit(e, SqlType.Boolean);
        return e.Type.Kind == SqlKind.Boolean
            ? e
            : throw new SqlUnsupportedException($"{context} needs a boolean, but {e.Pretty} is {e.Type.Sql}.");
    }

    private static SqlExpr AsString(SqlExpr e)
    {
        if (e.Type.Kind is SqlKind.String or SqlKind.Null)
            return Implicit(e, SqlType.String);
        if (e.Type.Kind == SqlKind.Decimal)
            throw new SqlUnsupportedException($"{e.Pretty} is {e.Type.Sql}; converting decimals to text is not supported (CAST to DOUBLE first).");
        if (e.Type.Kind == SqlKind.StringArray)
            throw new SqlUnsupportedException($"{e.Pretty} is an array; a string is needed here.");
        return Implicit(e, SqlType.String);
    }

    private SqlExpr Between(BetweenNode b)
    {
        // Parsed as (x >= low AND x <= high), as Spark 3.x's parser rewrites BETWEEN.
        var ge = Binary(new BinaryNode(">=", b.Operand, b.Low));
        var le = Binary(new BinaryNode("<=", b.Operand, b.High));
        SqlExpr between = new LogicExpr(true, ge, le);
        return b.Negated ? new NotExpr(between) : between;
    }

    private SqlExpr In(InNode node)
    {
        var values = node.Values.Select(v => Bind(v)).ToList();
        var operand = Bind(node.Operand, values.Count > 0 ? values[0].Type : null);
        var type = operand.Type;
        // InConversion meets a date and a string as STRING in 3.x, as DATE under ANSI: refuse the guess.
        if ((operand.Type.IsTemporal || values.Any(v => v.Type.IsTemporal)) && (operand.Type.Kind == SqlKind.String || values.Any(v => v.Type.Kind == SqlKind.String)))
            throw new SqlUnsupportedException($"IN mixes dates/timestamps and strings ({operand.Pretty}); CAST one side explicitly.");
        foreach (var v in values)
            type = Wider(type, v.Type, forComparison: true)
                ?? throw new SqlUnsupportedException($"IN compares {operand.Pretty} ({operand.Type.Sql}) with {v.Pretty} ({v.Type.Sql}); CAST one explicitly.");
        SqlExpr result = new InExpr(Implicit(operand, type), values.Select(v => Implicit(v, type)).ToList());
        return node.Negated ? new NotExpr(result) : result;
    }

    private SqlExpr Like(LikeNode node)
    {
        var operand = AsString(Bind(node.Operand, SqlType.String));
        if (node.Pattern is not StringNode { Value: var pattern })
            throw new SqlUnsupportedException("LIKE needs a constant string pattern.");
        if (LikeExpr.Validate(pattern) is { } problem)
            throw new SqlUnsupportedException($"the LIKE pattern '{pattern}' is invalid: {problem}.");
        SqlExpr like = new LikeExpr(operand, pattern);
        return node.Negated ? new NotExpr(like) : like;
    }

    private SqlExpr Case(CaseNode node)
    {
        var conditions = new List<SqlExpr>();
        SqlExpr? operand = node.Operand is null ? null : Bind(node.Operand);
        foreach (var (when, _) in node.Branches)
        {
            if (operand is null)
            {
                conditions.Add(Boolean(when, "CASE WHEN"));
                continue;
            }
            var w = Bind(when, operand.Type);
            var (l, r) = Comparable(operand, w, "CASE x WHEN");
            conditions.Add(new CompareExpr(CompareOp.Equal, l, r));
        }
        var values = node.Branches.Select(b => Bind(b.Then)).ToList();
        var otherwise = node.Else is null ? null : Bind(node.Else);
        var type = CommonType(otherwise is null ? values : [.. values, otherwise], "CASE");
        return new CaseExpr(conditions, values.Select(v => Implicit(v, type)).ToList(),
            otherwise is null ? null : Implicit(otherwise, type), isIf: false, type);
    }

    private SqlType CommonType(IReadOnlyList<SqlExpr> values, string context)
    {
        var type = SqlType.Null;
        foreach (var v in values)
            type = Wider(type, v.Type)
                ?? throw new SqlUnsupportedException($"{context} mixes {type.Sql} and {v.Type.Sql} values ({v.Pretty}); CAST them to one type explicitly.");
        return type;
    }

    private SqlExpr Cast(CastNode node)
    {
        var operand = Bind(node.Operand, node.Target.Kind == SqlKind.String || node.Target.IsTemporal ? SqlType.String : null);
        if (!CastExpr.CanCast(operand.Type, node.Target) || operand.Type.Kind == SqlKind.StringArray)
            throw new SqlUnsupportedException($"CAST({operand.Pretty} AS {node.Target.Sql}) from {operand.Type.Sql} is not supported.");
        if (operand.Type.Kind == SqlKind.Decimal && node.Target.Kind == SqlKind.String)
            throw new SqlUnsupportedException($"CAST of a decimal ({operand.Pretty}) to STRING is not supported; CAST to DOUBLE first.");
        return new CastExpr(operand, node.Target, userSpecified: true);
    }
}
