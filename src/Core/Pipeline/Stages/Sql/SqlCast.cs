using System.Globalization;
using System.Numerics;

namespace Ember.Pipeline.Sql;

/// <summary>
/// CAST(child AS type), explicit or inserted by type coercion (implicit casts keep the child's
/// name, as Spark's usePrettyExpression hides them). Follows Spark's Cast.scala: non-ANSI, a
/// value that does not convert becomes NULL and integral narrowing wraps; ANSI (4.x default), the
/// row fails with Spark's error (CAST_INVALID_INPUT, CAST_OVERFLOW, NUMERIC_VALUE_OUT_OF_RANGE).
/// String → integral follows UTF8String.toLong/toInt (trimmed; non-ANSI accepts and truncates a
/// fraction), string → double Java's Double.parseDouble plus Spark's special literals.
/// </summary>
internal sealed partial class CastExpr(SqlExpr child, SqlType target, bool userSpecified) : UnaryExpr(child, target)
{
    public bool UserSpecified { get; } = userSpecified;

    public override string Pretty => UserSpecified ? $"CAST({Child.Pretty} AS {Type.Sql})" : Child.Pretty;

    /// <summary>Whether Spark can cast <paramref name="from"/> to <paramref name="to"/> in this subset.</summary>
    public static bool CanCast(SqlType from, SqlType to) =>
        from == to || from.Kind == SqlKind.Null
        || (from.Kind is SqlKind.Boolean or SqlKind.String || from.IsNumeric) && (to.Kind is SqlKind.Boolean or SqlKind.String || to.IsNumeric)
        || CanCastTemporal(from, to);

    public override Vec Eval(EvalContext ctx)
    {
        if (Child.Type == Type)
            return Child.Eval(ctx);
        return base.Eval(ctx);
    }

    protected override void Compute(EvalContext ctx, Vec input, int r, Vec output)
    {
        var from = input.Type;
        switch (Type.Kind)
        {
            case SqlKind.String: output.Set(r, ToText(input, r)); break;
            case SqlKind.Boolean: ToBoolean(ctx, input, r, output); break;
            case SqlKind.Double or SqlKind.Float: ToFloating(ctx, input, r, output); break;
            case SqlKind.Decimal: ToDecimal(ctx, input, r, output); break;
            case SqlKind.Date: ToDate(ctx, input, r, output); break;
            case SqlKind.Timestamp: ToTimestamp(ctx, input, r, output); break;
            default: ToIntegral(ctx, from, input, r, output); break;
        }
    }

    private void ToBoolean(EvalContext ctx, Vec input, int r, Vec output)
    {
        switch (input.Type.Storage)
        {
            case VecStorage.Long: output.Set(r, input.Longs![r] != 0); break;
            case VecStorage.Double: output.Set(r, input.Doubles![r] != 0); break;
            case VecStorage.Decimal: output.Set(r, input.Decimals![r] != 0m); break;
            case VecStorage.String:
                // StringUtils.isTrueString / isFalseString on the trimmed, lowercased text.
                string s = TrimControl(input.Strings![r].AsSpan()).ToString().ToLowerInvariant();
                if (s is "t" or "true" or "y" or "yes" or "1") output.Set(r, true);
                else if (s is "f" or "false" or "n" or "no" or "0") output.Set(r, false);
                else if (ctx.Ansi) ctx.Fail(r, $"[CAST_INVALID_INPUT] The value '{input.Strings[r]}' of the type \"STRING\" cannot be cast to \"BOOLEAN\" because it is malformed.", input.Strings[r]);
                break;
        }
    }

    private void ToFloating(EvalContext ctx, Vec input, int r, Vec output)
    {
        bool isFloat = Type.Kind == SqlKind.Float;
        double value;
        switch (input.Type.Storage)
        {
            case VecStorage.Bool: value = input.Bools![r] ? 1 : 0; break;
            case VecStorage.Long: value = isFloat ? (float)input.Longs![r] : input.Longs![r]; break;
            case VecStorage.Double: value = input.Doubles![r]; break;
            case VecStorage.Decimal: value = isFloat ? SqlDecimal.ToFloat(input.Decimals![r]) : SqlDecimal.ToDouble(input.Decimals![r]); break;
            case VecStorage.String:
                if (!TryParseJavaDouble(input.Strings![r]!, isFloat, out value))
                {
                    if (ctx.Ansi)
                        ctx.Fail(r, $"[CAST_INVALID_INPUT] The value '{input.Strings[r]}' of the type \"STRING\" cannot be cast to \"{Type.Sql}\" because it is malformed.", input.Strings[r]);
                    return;
                }
                break;
            default: return;
        }
        output.Set(r, isFloat ? (float)value : value);
    }

    private void ToDecimal(EvalContext ctx, Vec input, int r, Vec output)
    {
        decimal value;
        switch (input.Type.Storage)
        {
            case VecStorage.Bool: value = input.Bools![r] ? 1m : 0m; break;
            case VecStorage.Long: value = input.Longs![r]; break;
            case VecStorage.Decimal: value = input.Decimals![r]; break;
            case VecStorage.Double:
                // Cast.scala catches NumberFormatException (NaN, infinities) into null in both modes.
                if (!SqlDecimal.TryFromDouble(input.Doubles![r], out value))
                {
                    if (double.IsFinite(input.Doubles[r]))
                        Overflow(ctx, input, r);
                    return;
                }
                break;
            case VecStorage.String:
                if (!SqlDecimal.TryParse(input.Strings![r]!, out value))
                {
                    if (ctx.Ansi)
                        ctx.Fail(r, $"[CAST_INVALID_INPUT] The value '{input.Strings[r]}' of the type \"STRING\" cannot be cast to \"{Type.Sql}\" because it is malformed.", input.Strings[r]);
                    return;
                }
                break;
            default: return;
        }
        if (SqlDecimal.TryFit(value, Type, out var fitted))
            output.Set(r, fitted);
        else
            Overflow(ctx, input, r);
    }

    private void ToIntegral(EvalContext ctx, SqlType from, Vec input, int r, Vec output)
    {
        long value;
        switch (input.Type.Storage)
        {
            case VecStorage.Bool: value = input.Bools![r] ? 1 : 0; break;
            case VecStorage.Long: value = input.Longs![r]; break;
            case VecStorage.Double:
                double d = input.Doubles![r];
                if (ctx.Ansi)
                {
                    // DoubleExactNumeric.toInt/toLong: floor and ceil must lie in the target range (NaN fails).
                    double max = Type.Kind == SqlKind.Long ? 9.223372036854775807E18 : int.MaxValue, min = Type.Kind == SqlKind.Long ? -9.223372036854775808E18 : int.MinValue;
                    if (!(Math.Floor(d) <= max && Math.Ceiling(d) >= min) || (Type.Kind == SqlKind.Long && Math.Floor(d) >= max))
                    {
                        Overflow(ctx, input, r);
                        return;
                    }
                }
                value = Type.Kind == SqlKind.Long ? JavaMath.DoubleToLong(d) : JavaMath.DoubleToInt(d);
                break;
            case VecStorage.Decimal:
                var truncated = decimal.Truncate(input.Decimals![r]);
                if (truncated >= long.MinValue && truncated <= long.MaxValue)
                    value = (long)truncated;
                else if (ctx.Ansi) { Overflow(ctx, input, r); return; }
                else value = (long)(ulong)(new BigInteger(truncated) & ulong.MaxValue);
                break;
            case VecStorage.String:
                if (!TryParseIntegral(input.Strings![r]!, Type.Kind, allowFraction: !ctx.Ansi, out value))
                {
                    if (ctx.Ansi)
                        ctx.Fail(r, $"[CAST_INVALID_INPUT] The value '{input.Strings[r]}' of the type \"STRING\" cannot be cast to \"{Type.Sql}\" because it is malformed.", input.Strings[r]);
                    return;
                }
                output.Set(r, value);
                return;
            default: return;
        }
        long wrapped = SqlArithmetic.Wrap(value, Type.Kind);
        if (wrapped != value && ctx.Ansi)
        {
            Overflow(ctx, input, r);
            return;
        }
        _ = from;
        output.Set(r, wrapped);
    }

    private void Overflow(EvalContext ctx, Vec input, int r)
    {
        if (ctx.Ansi)
            ctx.Fail(r, $"[CAST_OVERFLOW] The value {input.Render(r)} of the type \"{input.Type.Sql}\" cannot be cast to \"{Type.Sql}\" due to an overflow.", input.Render(r));
    }

    /// <summary>CAST(x AS STRING) for the subset's types.</summary>
    public static string? ToText(Vec input, int r) => input.Type.Kind switch
    {
        SqlKind.Boolean => input.Bools![r] ? "true" : "false",
        SqlKind.Float => JavaNumberFormat.FormatFloat((float)input.Doubles![r]),
        SqlKind.Double => JavaNumberFormat.FormatDouble(input.Doubles![r]),
        SqlKind.Decimal => SqlDecimal.ToPlainString(input.Decimals![r], input.Type.Scale),
        SqlKind.String => input.Strings![r],
        SqlKind.Date => SqlDateTime.FormatDate(input.Longs![r]),
        SqlKind.Timestamp => SqlDateTime.FormatTimestamp(input.Longs![r]),
        _ when input.Type.IsIntegral => input.Longs![r].ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>UTF8String.toLong/toInt/toShort/toByte: trimmed, optional sign, digits, then (non-ANSI) a '.' and digits that are dropped.</summary>
    public static bool TryParseIntegral(string text, SqlKind kind, bool allowFraction, out long value)
    {
        value = 0;
        var s = TrimControl(text.AsSpan());
        if (s.Length == 0)
            return false;
        bool negative = s[0] == '-';
        int i = 0;
        if (negative || s[0] == '+')
        {
            if (s.Length == 1)
                return false;
            i = 1;
        }
        ulong maxMagnitude = (kind == SqlKind.Long ? (ulong)long.MaxValue : int.MaxValue) + (negative ? 1UL : 0UL);
        ulong result = 0;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.' && allowFraction)
            {
                for (int j = i + 1; j < s.Length; j++)
                    if (!char.IsAsciiDigit(s[j]))
                        return false;
                break;
            }
            if (!char.IsAsciiDigit(c))
                return false;
            uint digit = (uint)(c - '0');
            if (result > (maxMagnitude - digit) / 10)
                return false;
            result = result * 10 + digit;
        }
        value = negative ? (long)(0UL - result) : (long)result;
        return kind switch
        {
            SqlKind.Short => value is >= short.MinValue and <= short.MaxValue,
            SqlKind.Byte => value is >= sbyte.MinValue and <= sbyte.MaxValue,
            _ => true,
        };
    }

    /// <summary>Java's Double.parseDouble (Float.parseFloat), then Cast.processFloatingPointSpecialLiterals.</summary>
    public static bool TryParseJavaDouble(string text, bool isFloat, out double value)
    {
        value = 0;
        // Java's String.trim: code units up to U+0020.
        var s = text.AsSpan().Trim(" \t\n\r\f\v\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");
        if (s.Length == 0 || s.Length > 400)
            return false;
        string lower = s.ToString().ToLowerInvariant();
        switch (lower)
        {
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
            case "nan" or "+nan" or "-nan":
                // Java parses "NaN", "+NaN" and "-NaN" (case-sensitive); Spark's fallback adds any-case "nan".
                if (lower == "nan" || s[1..].SequenceEqual("NaN")) { value = double.NaN; return true; }
                return false;
        }
        // Java accepts a trailing type suffix (1.5d, 2f); hexadecimal floats are not supported here.
        if (s.Length > 1 && s[^1] is 'd' or 'D' or 'f' or 'F')
            s = s[..^1];
        foreach (char c in s)
            if (!(char.IsAsciiDigit(c) || c is '.' or '+' or '-' or 'e' or 'E'))
                return false;
        if (!double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value))
            return false;
        if (isFloat)
            value = float.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Trims what UTF8String.trimAll / Java's trim drop: code units up to U+0020 and U+007F.</summary>
    public static ReadOnlySpan<char> TrimControl(ReadOnlySpan<char> s)
    {
        int start = 0, end = s.Length;
        while (start < end && (s[start] <= ' ' || s[start] == '\u007F')) start++;
        while (end > start && (s[end - 1] <= ' ' || s[end - 1] == '\u007F')) end--;
        return s[start..end];
    }
}
