using System.Text;

namespace Ember.Infra.Tests.Bicep;

/// <summary>
/// Splits Bicep text into tokens: just enough of the language to find declarations and object
/// properties reliably. Handles // and /* */ comments, '...' strings with \ escapes and nested
/// ${...} interpolations (which may contain braces and strings), and ''' multi-line strings.
/// Anything it cannot read is an error naming the line, never a silent guess.
/// </summary>
internal static class BicepLexer
{
    public static List<BicepToken> Tokenize(string text)
    {
        var tokens = new List<BicepToken>();
        int i = 0, line = 1;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                tokens.Add(new BicepToken(BicepTokenKind.Newline, null, line));
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && At(text, i + 1) == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '/' && At(text, i + 1) == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw Error(line, "unterminated /* comment");
                line += Count(text, i, end, '\n');
                i = end + 2;
            }
            else if (text.AsSpan(i).StartsWith("'''"))
            {
                int end = text.IndexOf("'''", i + 3, StringComparison.Ordinal);
                if (end < 0) throw Error(line, "unterminated ''' string");
                tokens.Add(new BicepToken(BicepTokenKind.String, text[(i + 3)..end], line));
                line += Count(text, i, end, '\n');
                i = end + 3;
            }
            else if (c == '\'')
            {
                int startLine = line, start = i;
                var interpolations = new List<BicepToken>();
                string? value = ReadString(text, ref i, ref line, interpolations);
                tokens.Add(new BicepToken(BicepTokenKind.String, value, startLine)
                {
                    Raw = value is null ? text[start..i] : null,
                    Interpolations = interpolations,
                });
            }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new BicepToken(BicepTokenKind.Identifier, text[start..i], line));
            }
            else if (char.IsDigit(c))
            {
                int start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
                tokens.Add(new BicepToken(BicepTokenKind.Number, text[start..i], line));
            }
            else
            {
                tokens.Add(new BicepToken(BicepTokenKind.Symbol, c.ToString(), line));
                i++;
            }
        }
        return tokens;
    }

    /// <summary>Reads a '...' string from its opening quote; returns null when it has interpolations.</summary>
    private static string? ReadString(string text, ref int i, ref int line, List<BicepToken>? interpolations)
    {
        int startLine = line;
        var value = new StringBuilder();
        bool interpolated = false;
        i++; // opening quote
        while (true)
        {
            if (i >= text.Length) throw Error(startLine, "unterminated string");
            char c = text[i];
            if (c == '\n') throw Error(startLine, "line break inside a '...' string");
            if (c == '\'')
            {
                i++;
                return interpolated ? null : value.ToString();
            }
            if (c == '\\')
            {
                value.Append(Unescape(At(text, i + 1), startLine));
                i += 2;
            }
            else if (c == '$' && At(text, i + 1) == '{')
            {
                interpolated = true;
                i += 2;
                int start = i, expressionLine = line;
                SkipInterpolation(text, ref i, ref line, startLine);
                if (interpolations is not null)
                    foreach (var token in Tokenize(text[start..(i - 1)]))
                        interpolations.Add(token with { Line = token.Line + expressionLine - 1 });
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
    }

    /// <summary>Skips an interpolated expression up to its closing brace, strings and nested braces included.</summary>
    private static void SkipInterpolation(string text, ref int i, ref int line, int startLine)
    {
        int depth = 0;
        while (true)
        {
            if (i >= text.Length) throw Error(startLine, "unterminated ${...} in a string");
            char c = text[i];
            if (c == '\'')
            {
                ReadString(text, ref i, ref line, null);
                continue;
            }
            if (c == '\n') line++;
            if (c == '{') depth++;
            if (c == '}')
            {
                if (depth == 0)
                {
                    i++;
                    return;
                }
                depth--;
            }
            i++;
        }
    }

    private static string Unescape(char c, int line) => c switch
    {
        '\\' => "\\",
        '\'' => "'",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        '$' => "$",
        _ => throw Error(line, $"unknown escape \\{c} in a string"),
    };

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    private static int Count(string text, int from, int to, char c)
    {
        int n = 0;
        for (int k = from; k < to; k++) if (text[k] == c) n++;
        return n;
    }

    private static FormatException Error(int line, string message) => new($"Bicep line {line}: {message}.");
}
