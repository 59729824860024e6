using System.Text;

namespace Ember.Pipeline.Sql;

internal enum TokenKind { Identifier, QuotedIdentifier, Number, String, Symbol, End }

internal readonly record struct SqlToken(TokenKind Kind, string Text, int Position)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public override string ToString() => Kind == TokenKind.End ? "end of statement" : $"'{Text}'";
}

/// <summary>A SQL statement the SQLTransformer subset cannot run: raised at load, naming the construct.</summary>
internal sealed class SqlUnsupportedException(string message) : Exception(message);

/// <summary>
/// Splits a Spark SQL statement into tokens as SqlBaseLexer does for the subset: identifiers
/// (`back-quoted` with `` escapes), numbers with Spark's suffixes (L, S, Y, D, F, BD), string
/// literals in single or double quotes with backslash escapes, and operators.
/// </summary>
internal static class SqlLexer
{
    private static readonly string[] Symbols = ["<=>", "==", "!=", "<>", "<=", ">=", "||", "(", ")", ",", "+", "-", "*", "/", "%", "<", ">", "=", ".", ";", "!", "~", "&", "|", "^"];

    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new SqlUnsupportedException($"the comment at position {i} is not closed.");
                i = end + 2;
                continue;
            }
            int start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
                tokens.Add(new SqlToken(TokenKind.Identifier, sql[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1])))
            {
                i = ScanNumber(sql, i);
                // An identifier may start with digits in Spark (e.g. 1a); the subset refuses it rather than guess.
                if (i < sql.Length && (char.IsAsciiLetter(sql[i]) || sql[i] == '_'))
                    throw new SqlUnsupportedException($"'{sql[start..(i + 1)]}...' at position {start} is neither a number nor a plain identifier; quote identifiers with back-quotes.");
                tokens.Add(new SqlToken(TokenKind.Number, sql[start..i], start));
            }
            else if (c == '`')
            {
                var sb = new StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= sql.Length) throw new SqlUnsupportedException($"the quoted identifier at position {start} is not closed.");
                    if (sql[i] == '`')
                    {
                        if (i + 1 < sql.Length && sql[i + 1] == '`') { sb.Append('`'); i++; continue; }
                        i++;
                        break;
                    }
                    sb.Append(sql[i]);
                }
                tokens.Add(new SqlToken(TokenKind.QuotedIdentifier, sb.ToString(), start));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new SqlToken(TokenKind.String, ScanString(sql, ref i), start));
            }
            else
            {
                string? symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(sql, i, s, 0, s.Length) == 0);
                if (symbol is null)
                    throw new SqlUnsupportedException($"unexpected character '{c}' at position {i}.");
                tokens.Add(new SqlToken(TokenKind.Symbol, symbol, start));
                i += symbol.Length;
            }
        }
        tokens.Add(new SqlToken(TokenKind.End, "", sql.Length));
        return tokens;
    }

    private static int ScanNumber(string sql, int i)
    {
        while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
        if (i < sql.Length && sql[i] == '.')
            for (i++; i < sql.Length && char.IsAsciiDigit(sql[i]);) i++;
        if (i < sql.Length && sql[i] is 'e' or 'E')
        {
            int j = i + 1;
            if (j < sql.Length && sql[j] is '+' or '-') j++;
            if (j < sql.Length && char.IsAsciiDigit(sql[j]))
                for (i = j; i < sql.Length && char.IsAsciiDigit(sql[i]);) i++;
        }
        if (i + 1 < sql.Length && sql[i] is 'B' or 'b' && sql[i + 1] is 'D' or 'd' && (i + 2 >= sql.Length || !char.IsAsciiLetterOrDigit(sql[i + 2])))
            return i + 2;
        if (i < sql.Length && sql[i] is 'L' or 'l' or 'S' or 's' or 'Y' or 'y' or 'D' or 'd' or 'F' or 'f'
            && (i + 1 >= sql.Length || !(char.IsAsciiLetterOrDigit(sql[i + 1]) || sql[i + 1] == '_')))
            return i + 1;
        return i;
    }

    /// <summary>Spark's unescapeSQLString for the common escapes: \' \" \\ \n \t \r \b \0 \% \_ (kept with the backslash).</summary>
    private static string ScanString(string sql, ref int i)
    {
        char quote = sql[i];
        int start = i;
        var sb = new StringBuilder();
        for (i++; ; i++)
        {
            if (i >= sql.Length)
                throw new SqlUnsupportedException($"the string literal at position {start} is not closed.");
            char c = sql[i];
            if (c == quote) { i++; break; }
            if (c != '\\' || i + 1 >= sql.Length) { sb.Append(c); continue; }
            char e = sql[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case '0': sb.Append('\0'); break;
                case 'Z': sb.Append('\u001A'); break;
                case '%' or '_': sb.Append('\\').Append(e); break; // kept for LIKE patterns
                case 'u' or 'U': throw new SqlUnsupportedException($"unicode escapes in string literals (position {i - 1}) are not supported.");
                default: sb.Append(e); break;
            }
        }
        // Adjacent literals concatenate ('a' 'b' = 'ab').
        while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
        if (i < sql.Length && sql[i] is '\'' or '"')
            return sb + ScanString(sql, ref i);
        return sb.ToString();
    }
}
