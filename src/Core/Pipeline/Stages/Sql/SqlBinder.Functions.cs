using System.Globalization;
using System.Text.RegularExpressions;

namespace Ember.Pipeline.Sql;

/// <summary>The functions of the subset: argument checks, implicit casts and Spark's generated names.</summary>
internal sealed partial class SqlBinder
{
    /// <summary>Every function the subset binds (the parser refuses others at load).</summary>
    internal static readonly HashSet<string> KnownFunctions = new(StringComparer.Ordinal)
    {
        "if", "coalesce", "nvl", "ifnull", "isnull", "isnotnull", "lower", "lcase", "upper", "ucase", "trim", "ltrim", "rtrim",
        "length", "char_length", "character_length", "concat", "concat_ws", "substring", "substr", "regexp_replace", "split",
        "sqrt", "exp", "ln", "log", "log10", "log2", "log1p", "sign", "signum", "pow", "power", "abs", "round", "bround",
        "floor", "ceil", "ceiling", "greatest", "least",
        "year", "month", "dayofmonth", "day", "dayofweek", "dayofyear", "weekofyear", "quarter", "hour", "minute", "second",
        "to_date", "datediff", "date_add", "date_sub",
    };

    /// <summary>Functions whose value depends on when or how often they run: a served model must give one answer per input.</summary>
    internal static readonly HashSet<string> NonDeterministicFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "current_date", "curdate", "current_timestamp", "now", "localtimestamp", "rand", "random", "randn", "uuid", "shuffle",
    };

    private SqlExpr Function(FunctionNode f)
    {
        var a = f.Args;
        switch (f.Name)
        {
            case "if":
                Arity(f, 3);
                var values = new[] { Bind(a[1]), Bind(a[2]) };
                var type = CommonType(values, "IF");
                return new CaseExpr([Boolean(a[0], "IF")], [Implicit(values[0], type)], Implicit(values[1], type), isIf: true, type);
            case "coalesce" or "nvl" or "ifnull":
                if (a.Count == 0 || (f.Name != "coalesce" && a.Count != 2))
                    throw Arguments(f, f.Name == "coalesce" ? "at least 1" : "2");
                var args = a.Select(x => Bind(x)).ToList();
                var common = CommonType(args, f.Name);
                return new CoalesceExpr(f.Name, args.Select(x => Implicit(x, common)).ToList(), common);
            case "isnull" or "isnotnull":
                Arity(f, 1);
                return new IsNullExpr(Bind(a[0]), f.Name == "isnotnull");
            case "lower" or "lcase" or "upper" or "ucase" or "trim" or "ltrim" or "rtrim" or "length" or "char_length" or "character_length":
                Arity(f, 1);
                return new StringUnaryExpr(f.Name.EndsWith("length", StringComparison.Ordinal) ? "length" : f.Name, AsString(Bind(a[0], SqlType.String)));
            case "concat":
                return new ConcatExpr(false, a.Select(x => AsString(Bind(x, SqlType.String))).ToList());
            case "concat_ws":
                if (a.Count < 1) throw Arguments(f, "at least 1");
                return new ConcatExpr(true, a.Select((x, i) => i > 0 && Bind(x, SqlType.String) is { Type.Kind: SqlKind.StringArray } arr ? arr : AsString(Bind(x, SqlType.String))).ToList());
            case "substring" or "substr":
                if (a.Count is < 2 or > 3) throw Arguments(f, "2 or 3");
                var sub = new List<SqlExpr> { AsString(Bind(a[0], SqlType.String)) };
                for (int i = 1; i < a.Count; i++)
                    sub.Add(IntArgument(f, a[i]));
                if (sub.Count == 2)
                    sub.Add(new LiteralExpr((long)int.MaxValue, SqlType.Int, "2147483647"));
                return new SubstringExpr(f.Name, sub);
            case "regexp_replace":
                return RegexpReplace(f);
            case "split":
                return Split(f);
            case "sqrt" or "exp" or "ln" or "log10" or "log2" or "log1p" or "sign" or "signum":
                Arity(f, 1);
                string pretty = f.Name switch { "sign" => "sign", "signum" => "SIGNUM", _ => f.Name.ToUpperInvariant() };
                return new DoubleFunctionExpr(pretty, f.Name is "sign" or "signum" ? "signum" : f.Name, Implicit(Numeric(a[0], f.Name), SqlType.Double));
            case "log":
                if (a.Count == 1)
                    return new DoubleFunctionExpr("LOG", "log", Implicit(Numeric(a[0], f.Name), SqlType.Double));
                Arity(f, 2);
                return new DoubleBinaryFunctionExpr("LOG", true, Implicit(Numeric(a[0], f.Name), SqlType.Double), Implicit(Numeric(a[1], f.Name), SqlType.Double));
            case "pow" or "power":
                Arity(f, 2);
                return new DoubleBinaryFunctionExpr(f.Name == "pow" ? "pow" : "POWER", false,
                    Implicit(Numeric(a[0], f.Name), SqlType.Double), Implicit(Numeric(a[1], f.Name), SqlType.Double));
            case "abs":
                Arity(f, 1);
                return new AbsExpr(Numeric(a[0], f.Name));
            case "round" or "bround":
                if (a.Count is < 1 or > 2) throw Arguments(f, "1 or 2");
                var x = Numeric(a[0], f.Name);
                if (x.Type.Kind == SqlKind.Decimal)
                    throw new SqlUnsupportedException($"{f.Name} of a DECIMAL ({x.Pretty}) is not supported; CAST it to DOUBLE first.");
                int scale = a.Count == 2 ? ConstantInt(f, a[1]) : 0;
                return new RoundExpr(f.Name == "bround", x, scale);
            case "floor" or "ceil" or "ceiling":
                Arity(f, 1);
                var y = Numeric(a[0], f.Name);
                if (y.Type.Kind == SqlKind.Decimal)
                    throw new SqlUnsupportedException($"{f.Name} of a DECIMAL ({y.Pretty}) is not supported; CAST it to DOUBLE first.");
                return new FloorCeilExpr(f.Name != "floor", y.Type.IsIntegral ? Implicit(y, SqlType.Long) : Implicit(y, SqlType.Double));
            case "greatest" or "least":
                if (a.Count < 2) throw Arguments(f, "at least 2");
                var items = a.Select(v => Bind(v)).ToList();
                var wide = CommonType(items, f.Name);
                if (wide.Kind is SqlKind.StringArray or SqlKind.Null)
                    throw new SqlUnsupportedException($"{f.Name} of {wide.Sql} values is not supported.");
                return new GreatestExpr(f.Name == "greatest", items.Select(v => Implicit(v, wide)).ToList(), wide);
            default:
                return DateFunction(f)
                    ?? throw new SqlUnsupportedException($"the function {f.Name}() is not supported by Ember's SQLTransformer subset.");
        }
    }

    private SqlExpr RegexpReplace(FunctionNode f)
    {
        if (f.Args.Count is < 3 or > 4) throw Arguments(f, "3 or 4");
        var subject = AsString(Bind(f.Args[0], SqlType.String));
        string pattern = ConstantString(f, f.Args[1]);
        string replacement = ConstantString(f, f.Args[2]);
        int position = f.Args.Count == 4 ? ConstantInt(f, f.Args[3]) : 1;
        if (position != 1)
            throw new SqlUnsupportedException("regexp_replace with a position other than 1 is not supported.");
        var regex = CompileRegex(f, pattern);
        string net = RegexpReplaceExpr.TranslateReplacement(replacement, regex, out var problem)
            ?? throw new SqlUnsupportedException($"regexp_replace: {problem}.");
        return new RegexpReplaceExpr(subject, regex, net, $"regexp_replace({subject.Pretty}, {pattern}, {replacement}, 1)");
    }

    private SqlExpr Split(FunctionNode f)
    {
        if (f.Args.Count is < 2 or > 3) throw Arguments(f, "2 or 3");
        var subject = AsString(Bind(f.Args[0], SqlType.String));
        string pattern = ConstantString(f, f.Args[1]);
        int limit = f.Args.Count == 3 ? ConstantInt(f, f.Args[2]) : -1;
        var regex = CompileRegex(f, pattern);
        return new SplitExpr(subject, regex, limit, $"split({subject.Pretty}, {pattern}, {limit.ToString(CultureInfo.InvariantCulture)})");
    }

    private static Regex CompileRegex(FunctionNode f, string pattern)
    {
        try
        {
            return JavaRegex.Compile(pattern);
        }
        catch (Exception ex) when (ex is JavaRegexException or ArgumentException)
        {
            throw new SqlUnsupportedException($"{f.Name}: the regex '{pattern}' cannot be used: {ex.Message}");
        }
    }

    private SqlExpr IntArgument(FunctionNode f, SqlNode node)
    {
        var e = Bind(node, SqlType.Int);
        if (e.Type.Kind == SqlKind.Null || e.Type.Kind is SqlKind.Byte or SqlKind.Short or SqlKind.Int)
            return Implicit(e, SqlType.Int);
        throw new SqlUnsupportedException($"{f.Name} needs an INT argument, but {e.Pretty} is {e.Type.Sql}.");
    }

    private static string ConstantString(FunctionNode f, SqlNode node) =>
        node is StringNode s ? s.Value : throw new SqlUnsupportedException($"{f.Name} needs constant string patterns here.");

    private static int ConstantInt(FunctionNode f, SqlNode node) =>
        node is NumberNode n && int.TryParse((n.Negative ? "-" : "") + n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new SqlUnsupportedException($"{f.Name} needs a constant integer argument here.");

    private static void Arity(FunctionNode f, int n)
    {
        if (f.Args.Count != n)
            throw Arguments(f, n.ToString(CultureInfo.InvariantCulture));
    }

    private static SqlUnsupportedException Arguments(FunctionNode f, string expected) =>
        new($"{f.Name}() takes {expected} argument(s), not {f.Args.Count}.");
}
