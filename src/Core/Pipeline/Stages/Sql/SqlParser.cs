using System.Globalization;

namespace Ember.Pipeline.Sql;

/// <summary>
/// Recursive-descent parser for the statement subset: SELECT items FROM __THIS__ [alias]
/// [WHERE condition]. Operator precedence follows SqlBaseParser.g4: OR &lt; AND &lt; NOT &lt;
/// predicates (BETWEEN, IN, LIKE, IS NULL) &lt; comparisons &lt; + - || &lt; * / % div &lt; unary.
/// Anything else (GROUP BY, JOIN, ORDER BY, LIMIT, DISTINCT, subqueries, window functions...) is
/// refused with the construct named.
/// </summary>
internal sealed class SqlParser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "AS", "AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "LIKE", "RLIKE", "CASE", "WHEN",
        "THEN", "ELSE", "END", "CAST", "TRUE", "FALSE", "DIV", "GROUP", "ORDER", "HAVING", "LIMIT", "JOIN", "UNION",
        "DISTINCT", "OVER", "LATERAL", "WINDOW", "SORT", "CLUSTER", "DISTRIBUTE", "EXCEPT", "INTERSECT", "ILIKE",
    };

    private readonly List<SqlToken> _tokens;
    private int _pos;
    private string? _tableAlias;

    private SqlParser(string sql) => _tokens = SqlLexer.Tokenize(sql);

    public static SelectStatement Parse(string statement, string tableIdentifier = "__THIS__")
    {
        var parser = new SqlParser(statement);
        return parser.Statement(tableIdentifier);
    }

    private SqlToken Peek => _tokens[_pos];

    private SqlToken Next() => _tokens[_pos++];

    private SelectStatement Statement(string table)
    {
        if (Peek.IsKeyword("WITH"))
            throw Unsupported("common table expressions (WITH)");
        Expect("SELECT");
        if (Peek.IsKeyword("DISTINCT"))
            throw Unsupported("SELECT DISTINCT");
        if (Peek.IsKeyword("ALL"))
            Next();
        var items = new List<SelectItem> { Item() };
        while (Peek.IsSymbol(","))
        {
            Next();
            items.Add(Item());
        }
        Expect("FROM");
        var t = Next();
        if (!(t.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier) || t.Text != table)
            throw new SqlUnsupportedException(t.Kind == TokenKind.Symbol && t.Text == "("
                ? "subqueries in FROM are not supported."
                : $"the statement must read FROM {table}, not {t}.");
        if (Peek.IsKeyword("AS"))
            Next();
        if (Peek.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier && !Reserved.Contains(Peek.Text) || Peek.Kind == TokenKind.QuotedIdentifier)
            _tableAlias = Next().Text;
        SqlNode? where = null;
        if (Peek.IsKeyword("WHERE"))
        {
            Next();
            where = Expression();
        }
        if (Peek.IsSymbol(";"))
            Next();
        if (Peek.Kind != TokenKind.End)
            throw Unsupported(Peek.Kind == TokenKind.Identifier ? Peek.Text.ToUpperInvariant() + " clauses" : $"{Peek} after the statement");
        return new SelectStatement(items, where);
    }

    private SelectItem Item()
    {
        if (Peek.IsSymbol("*"))
        {
            Next();
            return new SelectItem(new StarNode(), null);
        }
        var expr = Expression();
        string? alias = null;
        if (Peek.IsKeyword("AS"))
        {
            Next();
            if (Peek.IsSymbol("("))
                throw Unsupported("multi-column aliases AS (a, b)");
            alias = Name(Next());
        }
        else if (Peek.Kind == TokenKind.QuotedIdentifier || Peek.Kind == TokenKind.Identifier && !Reserved.Contains(Peek.Text))
        {
            alias = Name(Next());
        }
        return new SelectItem(expr, alias);
    }

    private SqlNode Expression() => Or();

    private SqlNode Or()
    {
        var left = And();
        while (Peek.IsKeyword("OR")) { Next(); left = new BinaryNode("OR", left, And()); }
        return left;
    }

    private SqlNode And()
    {
        var left = Not();
        while (Peek.IsKeyword("AND")) { Next(); left = new BinaryNode("AND", left, Not()); }
        return left;
    }

    private SqlNode Not()
    {
        if (Peek.IsKeyword("NOT") || Peek.IsSymbol("!")) { Next(); return new NotNode(Not()); }
        if (Peek.IsKeyword("EXISTS")) throw Unsupported("EXISTS subqueries");
        return Predicate();
    }

    private SqlNode Predicate()
    {
        var value = Comparison();
        while (true)
        {
            bool negated = false;
            if (Peek.IsKeyword("IS"))
            {
                Next();
                if (Peek.IsKeyword("NOT")) { Next(); negated = true; }
                if (Peek.IsKeyword("NULL")) { Next(); value = new IsNullNode(value, negated); continue; }
                throw Unsupported($"IS {(negated ? "NOT " : "")}{Peek.Text.ToUpperInvariant()} (only IS [NOT] NULL is supported)");
            }
            int save = _pos;
            if (Peek.IsKeyword("NOT")) { Next(); negated = true; }
            if (Peek.IsKeyword("BETWEEN"))
            {
                Next();
                var low = Comparison();
                Expect("AND");
                value = new BetweenNode(value, low, Comparison(), negated);
            }
            else if (Peek.IsKeyword("IN"))
            {
                Next();
                Expect("(");
                if (Peek.IsKeyword("SELECT")) throw Unsupported("IN subqueries");
                var values = new List<SqlNode> { Expression() };
                while (Peek.IsSymbol(",")) { Next(); values.Add(Expression()); }
                Expect(")");
                value = new InNode(value, values, negated);
            }
            else if (Peek.IsKeyword("LIKE"))
            {
                Next();
                if (Peek.IsKeyword("ANY") || Peek.IsKeyword("ALL") || Peek.IsKeyword("SOME")) throw Unsupported("LIKE ANY/ALL/SOME");
                value = new LikeNode(value, Comparison(), negated);
                if (Peek.IsKeyword("ESCAPE")) throw Unsupported("LIKE ... ESCAPE");
            }
            else if (Peek.IsKeyword("RLIKE") || Peek.IsKeyword("REGEXP") || Peek.IsKeyword("ILIKE"))
            {
                throw Unsupported(Peek.Text.ToUpperInvariant());
            }
            else
            {
                _pos = save;
                return value;
            }
        }
    }

    private SqlNode Comparison()
    {
        var left = Additive();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "=" or "==" or "<=>" or "!=" or "<>" or "<" or "<=" or ">" or ">=")
        {
            string op = Next().Text;
            left = new BinaryNode(op, left, Additive());
        }
        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "&" or "|" or "^")
            throw Unsupported($"the bitwise operator '{Peek.Text}'");
        return left;
    }

    private SqlNode Additive()
    {
        var left = Multiplicative();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "+" or "-" or "||")
        {
            string op = Next().Text;
            left = new BinaryNode(op, left, Multiplicative());
        }
        return left;
    }

    private SqlNode Multiplicative()
    {
        var left = Unary();
        while (Peek.Kind == TokenKind.Symbol && Peek.Text is "*" or "/" or "%" || Peek.IsKeyword("DIV"))
        {
            string op = Next().Text.ToLowerInvariant();
            left = new BinaryNode(op, left, Unary());
        }
        return left;
    }

    private SqlNode Unary()
    {
        if (Peek.IsSymbol("-") || Peek.IsSymbol("+"))
        {
            string op = Next().Text;
            // A sign directly before a number is part of the literal (SqlBaseParser's number rule).
            if (Peek.Kind == TokenKind.Number)
                return new NumberNode(Next().Text, op == "-");
            return new UnaryNode(op, Unary());
        }
        if (Peek.IsSymbol("~"))
            throw Unsupported("the bitwise operator '~'");
        return Primary();
    }

    private SqlNode Primary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number: return new NumberNode(t.Text, false);
            case TokenKind.String: return new StringNode(t.Text);
            case TokenKind.Symbol when t.Text == "(":
                if (Peek.IsKeyword("SELECT")) throw Unsupported("scalar subqueries");
                var inner = Expression();
                if (Peek.IsSymbol(",")) throw Unsupported("row constructors (a, b)");
                Expect(")");
                return inner;
            case TokenKind.QuotedIdentifier: return Reference(t.Text);
            case TokenKind.Identifier: break;
            default: throw new SqlUnsupportedException($"expected an expression at position {t.Position}, found {t}.");
        }
        if (t.IsKeyword("NULL")) return new NullNode();
        if (t.IsKeyword("TRUE")) return new BoolNode(true);
        if (t.IsKeyword("FALSE")) return new BoolNode(false);
        if (t.IsKeyword("CASE")) return Case();
        if (t.IsKeyword("CAST") && Peek.IsSymbol("(")) return Cast();
        if (t.IsKeyword("TRY_CAST")) throw Unsupported("TRY_CAST");
        if (t.IsKeyword("INTERVAL")) throw Unsupported("INTERVAL literals");
        if ((t.IsKeyword("DATE") || t.IsKeyword("TIMESTAMP")) && Peek.Kind == TokenKind.String)
            return new TypedLiteralNode(t.IsKeyword("DATE") ? SqlType.Date : SqlType.Timestamp, Next().Text);
        if ((t.IsKeyword("X") || t.IsKeyword("TIMESTAMP_NTZ") || t.IsKeyword("TIMESTAMP_LTZ")) && Peek.Kind == TokenKind.String)
            throw Unsupported($"{t.Text.ToUpperInvariant()} literals");
        if (SqlBinder.NonDeterministicFunctions.Contains(t.Text))
            throw new SqlUnsupportedException($"{t.Text.ToLowerInvariant()} is not deterministic: its value depends on when (or how often) a row is scored, so a served model could not reproduce Spark's output. Pass the value in as an input column instead.");
        if (Peek.IsSymbol("("))
            return Function(t.Text);
        if (Reserved.Contains(t.Text))
            throw new SqlUnsupportedException($"unexpected keyword {t.Text.ToUpperInvariant()} at position {t.Position}.");
        return Reference(t.Text);
    }

    private SqlNode Reference(string name)
    {
        if (!Peek.IsSymbol("."))
            return new IdentNode(name, null);
        Next();
        var field = Next();
        if (field.IsSymbol("*"))
        {
            if (name != "__THIS__" && name != _tableAlias)
                throw new SqlUnsupportedException($"'{name}.*' does not name the input table.");
            return new StarNode();
        }
        if (!(field.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier))
            throw new SqlUnsupportedException($"expected a column name after '{name}.', found {field}.");
        if (Peek.IsSymbol("."))
            throw Unsupported($"nested field access ({name}.{field.Text}.…)");
        return new IdentNode(field.Text, name);
    }

    private SqlNode Function(string name)
    {
        Expect("(");
        var args = new List<SqlNode>();
        if (Peek.IsKeyword("DISTINCT")) throw Unsupported($"{name}(DISTINCT ...)");
        if (!Peek.IsSymbol(")"))
        {
            args.Add(Peek.IsSymbol("*") ? StarArg() : Expression());
            while (Peek.IsSymbol(",")) { Next(); args.Add(Expression()); }
        }
        Expect(")");
        if (Peek.IsKeyword("OVER")) throw Unsupported("window functions (OVER)");
        if (Peek.IsKeyword("FILTER")) throw Unsupported("aggregate FILTER clauses");
        string lower = name.ToLowerInvariant();
        if (!SqlBinder.KnownFunctions.Contains(lower))
            throw new SqlUnsupportedException($"the function {lower}() is not supported by Ember's SQLTransformer subset.");
        return new FunctionNode(lower, args);
    }

    private StarNode StarArg()
    {
        Next();
        return new StarNode();
    }

    private SqlNode Case()
    {
        SqlNode? operand = Peek.IsKeyword("WHEN") ? null : Expression();
        var branches = new List<(SqlNode, SqlNode)>();
        while (Peek.IsKeyword("WHEN"))
        {
            Next();
            var when = Expression();
            Expect("THEN");
            branches.Add((when, Expression()));
        }
        if (branches.Count == 0)
            throw new SqlUnsupportedException($"CASE without WHEN at position {Peek.Position}.");
        SqlNode? otherwise = null;
        if (Peek.IsKeyword("ELSE")) { Next(); otherwise = Expression(); }
        Expect("END");
        return new CaseNode(operand, branches, otherwise);
    }

    private SqlNode Cast()
    {
        Expect("(");
        var operand = Expression();
        Expect("AS");
        var type = TypeName();
        Expect(")");
        return new CastNode(operand, type);
    }

    private SqlType TypeName()
    {
        var t = Next();
        string name = t.Text.ToLowerInvariant();
        switch (name)
        {
            case "boolean": return SqlType.Boolean;
            case "tinyint" or "byte": return SqlType.Byte;
            case "smallint" or "short": return SqlType.Short;
            case "int" or "integer": return SqlType.Int;
            case "bigint" or "long": return SqlType.Long;
            case "float" or "real": return SqlType.Float;
            case "double": return SqlType.Double;
            case "string": return SqlType.String;
            case "date": return SqlType.Date;
            case "timestamp": return SqlType.Timestamp;
            case "timestamp_ntz" or "timestamp_ltz":
                throw Unsupported($"CAST to {name.ToUpperInvariant()} (use TIMESTAMP)");
            case "varchar" or "char":
                throw Unsupported($"CAST to {name.ToUpperInvariant()}(n) (use STRING)");
            case "decimal" or "dec" or "numeric":
                if (!Peek.IsSymbol("(")) return SqlType.Decimal(10, 0);
                Next();
                int p = Int(Next()), s = 0;
                if (Peek.IsSymbol(",")) { Next(); s = Int(Next()); }
                Expect(")");
                if (p < 1 || p > SqlType.MaxPrecision || s < 0 || s > p)
                    throw new SqlUnsupportedException($"DECIMAL({p},{s}) is not a valid decimal type (precision 1–38, 0 ≤ scale ≤ precision).");
                return SqlType.Decimal(p, s);
            default:
                throw Unsupported($"CAST to {t.Text.ToUpperInvariant()}");
        }
    }

    private static int Int(SqlToken t) =>
        t.Kind == TokenKind.Number && int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new SqlUnsupportedException($"expected an integer at position {t.Position}, found {t}.");

    private static string Name(SqlToken t) =>
        t.Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier
            ? t.Text
            : throw new SqlUnsupportedException($"expected an alias at position {t.Position}, found {t}.");

    private void Expect(string token)
    {
        var t = Next();
        bool ok = char.IsLetter(token[0]) ? t.IsKeyword(token) : t.IsSymbol(token);
        if (!ok)
            throw new SqlUnsupportedException($"expected {token} at position {t.Position}, found {t}.");
    }

    private static SqlUnsupportedException Unsupported(string construct) =>
        new($"{construct} is not supported by Ember's SQLTransformer subset.");
}
