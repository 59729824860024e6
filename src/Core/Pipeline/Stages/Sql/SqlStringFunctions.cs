using System.Text;
using System.Text.RegularExpressions;

namespace Ember.Pipeline.Sql;

/// <summary>
/// lower, upper, trim, ltrim, rtrim, length over one string (stringExpressions.scala with
/// UTF8String): lower/upper as Java's String.toLowerCase/toUpperCase (ß → SS), trim drops ASCII
/// spaces only (UTF8String.trim), length counts code points.
/// </summary>
internal sealed class StringUnaryExpr(string name, SqlExpr child) : UnaryExpr(child, name == "length" ? SqlType.Int : SqlType.String)
{
    public override string Pretty => $"{name}({Child.Pretty})";

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        string s = input.Strings![r]!;
        switch (name)
        {
            case "lower" or "lcase": output.Set(r, JavaLowerCase.ToLower(s)); break;
            case "upper" or "ucase": output.Set(r, ToUpper(s)); break;
            case "trim": output.Set(r, s.Trim(' ')); break;
            case "ltrim": output.Set(r, s.TrimStart(' ')); break;
            case "rtrim": output.Set(r, s.TrimEnd(' ')); break;
            default: output.Set(r, (long)CodePoints(s)); break;
        }
    }

    public static int CodePoints(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++, n++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                i++;
        return n;
    }

    private static string ToUpper(string s)
    {
        bool ascii = true;
        foreach (char c in s)
            ascii &= c < 0x80;
        if (ascii)
            return s.ToUpperInvariant();
        // Java's full case mapping turns ß into SS; .NET's simple mapping keeps it.
        return s.ToUpperInvariant().Replace("ß", "SS", StringComparison.Ordinal);
    }
}

/// <summary>concat (NULL if any argument is NULL) and concat_ws (skips NULLs; NULL separator gives NULL).</summary>
internal sealed class ConcatExpr(bool withSeparator, IReadOnlyList<SqlExpr> args) : SqlExpr(SqlType.String)
{
    public override IReadOnlyList<SqlExpr> Children => args;

    public override string Pretty => $"{(withSeparator ? "concat_ws" : "concat")}({string.Join(", ", args.Select(a => a.Pretty))})";

    public override Vec Eval(EvalContext ctx)
    {
        var inputs = new Vec[args.Count];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = args[i].Eval(ctx);
        var output = ctx.Rent(SqlType.String);
        var sb = new StringBuilder();
        for (int r = 0; r < ctx.Rows; r++)
        {
            if (!ctx.Live(r))
                continue;
            sb.Clear();
            if (withSeparator ? !Join(inputs, r, sb) : !Concat(inputs, r, sb))
                continue;
            output.Set(r, sb.ToString());
        }
        return output;
    }

    private static bool Concat(Vec[] inputs, int r, StringBuilder sb)
    {
        foreach (var v in inputs)
        {
            if (v.Nulls[r])
                return false;
            sb.Append(v.Strings![r]);
        }
        return true;
    }

    private static bool Join(Vec[] inputs, int r, StringBuilder sb)
    {
        if (inputs[0].Nulls[r])
            return false;
        string sep = inputs[0].Strings![r]!;
        bool first = true;
        for (int i = 1; i < inputs.Length; i++)
        {
            var v = inputs[i];
            if (v.Nulls[r])
                continue;
            if (v.Type.Kind == SqlKind.StringArray)
            {
                foreach (var item in v.Arrays![r]!)
                {
                    if (item is null)
                        continue;
                    if (!first) sb.Append(sep);
                    sb.Append(item);
                    first = false;
                }
                continue;
            }
            if (!first) sb.Append(sep);
            sb.Append(v.Strings![r]);
            first = false;
        }
        return true;
    }
}

/// <summary>substring(str, pos[, len]) as UTF8String.substringSQL: 1-based, 0 = 1, negative counts from the end, in code points.</summary>
internal sealed class SubstringExpr(string name, IReadOnlyList<SqlExpr> args) : NullIntolerantExpr(args, SqlType.String)
{
    public override string Pretty => $"{name}({string.Join(", ", Args.Select(a => a.Pretty))})";

    protected override void Compute(EvalContext ctx, Vec[] inputs, int r, Vec output)
    {
        string s = inputs[0].Strings![r]!;
        int pos = (int)inputs[1].Longs![r];
        int length = inputs.Length > 2 ? (int)inputs[2].Longs![r] : int.MaxValue;
        int len = StringUnaryExpr.CodePoints(s);
        long start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
        long end = Math.Clamp(start + length, int.MinValue, int.MaxValue);
        start = Math.Max(start, 0);
        if (start >= end || start >= len)
        {
            output.Set(r, "");
            return;
        }
        end = Math.Min(end, len);
        output.Set(r, SliceCodePoints(s, (int)start, (int)end));
    }

    private static string SliceCodePoints(string s, int start, int end)
    {
        if (s.Length == StringUnaryExpr.CodePoints(s))
            return s[start..end];
        int i = 0, cp = 0, from = 0;
        for (; i < s.Length && cp < end; cp++)
        {
            if (cp == start) from = i;
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }
        return s[from..i];
    }
}

/// <summary>regexp_replace(str, regexp, rep) with constant Java regex and replacement (Matcher.replaceAll).</summary>
internal sealed class RegexpReplaceExpr(SqlExpr child, Regex regex, string replacement, string pretty) : UnaryExpr(child, SqlType.String)
{
    public override string Pretty => pretty;

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output) =>
        output.Set(r, regex.Replace(input.Strings![r]!, replacement));

    /// <summary>Java's replacement syntax ($n, ${name}, \x) as .NET's; null with the reason when Java would refuse it.</summary>
    public static string? TranslateReplacement(string java, Regex regex, out string? problem)
    {
        problem = null;
        var sb = new StringBuilder();
        int groups = regex.GetGroupNumbers().Length - 1;
        for (int i = 0; i < java.Length; i++)
        {
            char c = java[i];
            if (c == '\\')
            {
                if (++i >= java.Length) { problem = "the replacement ends with '\\'"; return null; }
                sb.Append(java[i] == '$' ? "$$" : java[i].ToString());
            }
            else if (c == '$')
            {
                if (i + 1 < java.Length && java[i + 1] == '{')
                {
                    int close = java.IndexOf('}', i + 2);
                    if (close < 0) { problem = "'${' is not closed in the replacement"; return null; }
                    sb.Append("${").Append(java, i + 2, close - i - 2).Append('}');
                    i = close;
                    continue;
                }
                if (i + 1 >= java.Length || !char.IsAsciiDigit(java[i + 1])) { problem = "'$' in the replacement is not followed by a group reference (escape it as \\$)"; return null; }
                // Java takes further digits while they still name an existing group.
                int n = java[++i] - '0';
                while (i + 1 < java.Length && char.IsAsciiDigit(java[i + 1]) && n * 10 + (java[i + 1] - '0') <= groups)
                    n = n * 10 + (java[++i] - '0');
                if (n > groups) { problem = $"the replacement refers to group {n}, but the pattern has {groups}"; return null; }
                sb.Append("${").Append(n).Append('}');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>split(str, regex[, limit]) as Java's Pattern.split with limit (Spark passes -1 for limit 0: trailing empty strings stay).</summary>
internal sealed class SplitExpr(SqlExpr child, Regex regex, int limit, string pretty) : UnaryExpr(child, SqlType.StringArray)
{
    public override string Pretty => pretty;

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        string s = input.Strings![r]!;
        var parts = new List<string?>();
        int index = 0;
        bool limited = limit > 0;
        for (var m = regex.Match(s); m.Success; m = m.NextMatch())
        {
            if (limited && parts.Count >= limit - 1)
                break;
            if (index == 0 && m.Index == 0 && m.Length == 0)
                continue; // no leading empty string for a zero-width match at the start (Java 8+)
            parts.Add(s[index..m.Index]);
            index = m.Index + m.Length;
        }
        if (index == 0 && parts.Count == 0)
        {
            output.Set(r, new string?[] { s });
            return;
        }
        parts.Add(s[index..]);
        output.Set(r, parts.ToArray());
    }
}
