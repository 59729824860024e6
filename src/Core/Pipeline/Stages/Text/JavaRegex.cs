using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ember.Pipeline;

/// <summary>A Java regex Ember cannot reproduce faithfully in .NET (raised at load, never per row).</summary>
internal sealed class JavaRegexException(string message) : Exception(message);

/// <summary>
/// Translates a java.util.regex pattern (as RegexTokenizer's <c>pattern</c> param holds it) into an
/// equivalent .NET regex, rewriting the constructs whose meaning differs: \s \w \d \b \h \v \R are
/// ASCII in Java (Unicode under (?U)), '.' and $ know Java's line terminators, (?i) folds ASCII
/// only, possessive quantifiers become atomic groups, POSIX \p{Alpha}-style classes are ASCII,
/// \x{...} and \Q...\E are expanded, and outside a class '.' and negated sets consume a surrogate
/// pair whole, as Java matches code points. Constructs without a faithful translation (class
/// union/intersection, scripts and blocks, (?d), (?u) with (?i), \X, \N) are refused with the
/// reason. Interpreted regex (no source generator, no RegexOptions.Compiled): AOT-safe.
/// Residual approximations: \w and \b under (?U) use .NET categories for Unicode's Alphabetic;
/// \b follows JDK 8–18 (letters/digits of any script), \p{L}-style classes test UTF-16 units.
/// </summary>
internal static class JavaRegex
{
    private const string AnyPair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    private const string LineTerminators = @"\n\r\u0085\u2028\u2029";

    public static Regex Compile(string javaPattern) =>
        new(Translate(javaPattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    public static string Translate(string pattern) => new Translator(pattern).Run();

    [Flags]
    private enum Flags { None = 0, I = 1, S = 2, X = 4, U = 8, M = 16 }

    private sealed class Translator(string p)
    {
        private readonly StringBuilder _o = new();
        private readonly Stack<(Flags Saved, int Start)> _groups = new();
        private Flags _flags;
        private int _i;
        private int _atom = -1;

        public string Run()
        {
            while (_i < p.Length)
            {
                char c = p[_i++];
                if ((_flags & Flags.X) != 0 && SkipComment(c))
                    continue;
                switch (c)
                {
                    case '\\': Atom(() => Escape()); break;
                    case '[': Atom(() => _o.Append(Class(outer: true))); break;
                    case '(': OpenGroup(); break;
                    case ')':
                        if (_groups.Count == 0)
                            throw Fail("unmatched ')'");
                        var (saved, start) = _groups.Pop();
                        _o.Append(')');
                        _flags = saved;
                        _atom = start;
                        break;
                    case '|': _o.Append('|'); _atom = -1; break;
                    case '*' or '+' or '?': Quantifier(c.ToString()); break;
                    case '{':
                        int close = p.IndexOf('}', _i);
                        string body = close < 0 ? "" : p[_i..close];
                        if (close < 0 || !IsRepetition(body))
                            throw Fail("'{' that is not a repetition {n}, {n,} or {n,m} (Java refuses it)");
                        _i = close + 1;
                        Quantifier("{" + body + "}");
                        break;
                    case '.':
                        Atom(() => _o.Append((_flags & Flags.S) != 0 ? $"(?:{AnyPair}|[\\s\\S])" : $"(?:{AnyPair}|[^{LineTerminators}])"));
                        break;
                    case '^': _o.Append((_flags & Flags.M) != 0 ? @"(?:\A|(?<=[\n\u0085\u2028\u2029]|\r(?!\n))(?!\z))" : "^"); _atom = -1; break;
                    case '$': _o.Append(Dollar()); _atom = -1; break;
                    default:
                        if (char.IsHighSurrogate(c) && _i < p.Length && char.IsLowSurrogate(p[_i]))
                            Atom(() => _o.Append("(?:").Append(c).Append(p[_i++]).Append(')'));
                        else
                            Atom(() => Literal(c));
                        break;
                }
            }
            if (_groups.Count > 0)
                throw Fail("unclosed group");
            return _o.ToString();
        }

        private void Atom(Action emit)
        {
            int start = _o.Length;
            emit();
            _atom = start;
        }

        private void Quantifier(string q)
        {
            if (_atom < 0)
                throw Fail($"dangling quantifier '{q}'");
            _o.Append(q);
            if (_i < p.Length && p[_i] == '?')
            {
                _o.Append('?');
                _i++;
            }
            else if (_i < p.Length && p[_i] == '+')
            {
                // Possessive: no backtracking into the quantified atom = .NET atomic group.
                _o.Insert(_atom, "(?>").Append(')');
                _i++;
            }
            _atom = -1;
        }

        private void OpenGroup()
        {
            int start = _o.Length;
            if (_i >= p.Length || p[_i] != '?')
            {
                _groups.Push((_flags, start));
                _o.Append('(');
                return;
            }
            _i++;
            string rest = p[_i..];
            foreach (var prefix in new[] { ":", "=", "!", "<=", "<!", ">" })
            {
                if (rest.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _groups.Push((_flags, start));
                    _o.Append("(?").Append(prefix);
                    _i += prefix.Length;
                    return;
                }
            }
            if (rest.Length > 1 && rest[0] == '<' && char.IsAsciiLetter(rest[1]))
            {
                int end = rest.IndexOf('>');
                if (end < 0)
                    throw Fail("unclosed group name");
                _groups.Push((_flags, start));
                _o.Append("(?").Append(rest, 0, end + 1);
                _i += end + 1;
                return;
            }
            // Inline flags: (?idmsuxU-idmsuxU) or (?flags:X).
            var flags = _flags;
            bool on = true, unicodeCase = false;
            while (_i < p.Length && p[_i] is not (')' or ':'))
            {
                char f = p[_i++];
                Flags bit = f switch
                {
                    'i' => Flags.I,
                    's' => Flags.S,
                    'x' => Flags.X,
                    'U' => Flags.U,
                    'm' => Flags.M,
                    'u' => Flags.None,
                    '-' => Flags.None,
                    'd' => throw Fail("flag (?d) (UNIX_LINES) is not supported"),
                    _ => throw Fail($"unknown group construct '(?{f}'"),
                };
                if (f == '-')
                    on = false;
                else if (f == 'u')
                    unicodeCase = on;
                else
                    flags = on ? flags | bit : flags & ~bit;
            }
            if (_i >= p.Length)
                throw Fail("unclosed group");
            if (unicodeCase && (flags & (Flags.I | Flags.U)) != 0)
                throw Fail("Unicode case folding ((?u) or (?U) with (?i)) is not supported");
            if ((flags & (Flags.I | Flags.U)) == (Flags.I | Flags.U))
                throw Fail("Unicode case folding ((?U) with (?i)) is not supported");
            if (p[_i++] == ')')
            {
                _flags = flags; // until the end of the enclosing group
                return;
            }
            _groups.Push((_flags, start));
            _flags = flags;
            _o.Append("(?:");
        }

        private void Escape()
        {
            if (_i >= p.Length)
                throw Fail("trailing backslash");
            char c = p[_i++];
            bool u = (_flags & Flags.U) != 0;
            switch (c)
            {
                case 'd': _o.Append(u ? @"\p{Nd}" : "[0-9]"); return;
                case 'D': _o.Append($"(?:{AnyPair}|{(u ? @"\P{Nd}" : "[^0-9]")})"); return;
                case 's': _o.Append('[').Append(SpaceSet(u)).Append(']'); return;
                case 'S': _o.Append($"(?:{AnyPair}|[^{SpaceSet(u)}])"); return;
                case 'w': _o.Append('[').Append(WordSet(u)).Append(']'); return;
                case 'W': _o.Append($"(?:{AnyPair}|[^{WordSet(u)}])"); return;
                case 'h': _o.Append('[').Append(HorizontalSet).Append(']'); return;
                case 'H': _o.Append($"(?:{AnyPair}|[^{HorizontalSet}])"); return;
                case 'v': _o.Append('[').Append(VerticalSet).Append(']'); return;
                case 'V': _o.Append($"(?:{AnyPair}|[^{VerticalSet}])"); return;
                case 'R': _o.Append(@"(?:\r\n|[\n\x0B\f\r\u0085\u2028\u2029])"); return;
                case 'b' or 'B':
                    string w = u ? WordSet(true) : @"\p{L}\p{Nd}_";
                    string boundary = $"(?:(?<=[{w}])(?![{w}])|(?<![{w}])(?=[{w}]))";
                    _o.Append(c == 'b' ? boundary : $"(?!{boundary})");
                    return;
                case 'A' or 'z' or 'G': _o.Append('\\').Append(c); return;
                case 'Z': _o.Append(DollarAtEnd); return;
                case 'Q':
                    int end = p.IndexOf(@"\E", _i, StringComparison.Ordinal);
                    string quoted = end < 0 ? p[_i..] : p[_i..end];
                    _i = end < 0 ? p.Length : end + 2;
                    _o.Append("(?:");
                    foreach (char q in quoted)
                        Literal(q);
                    _o.Append(')');
                    return;
                case 'p' or 'P':
                    _o.Append(Property(c == 'P', inClass: false));
                    return;
                case 'k':
                    int close = p.IndexOf('>', _i);
                    if (_i >= p.Length || p[_i] != '<' || close < 0)
                        throw Fail(@"\k must be followed by <name>");
                    _o.Append(@"\k").Append(p, _i, close - _i + 1);
                    _i = close + 1;
                    return;
                case >= '1' and <= '9': _o.Append('\\').Append(c); return;
                case 'X' or 'N' or 'g' or 'K':
                    throw Fail($@"'\{c}' has no .NET equivalent");
            }
            int cp = EscapedCodePoint(c);
            if (cp > 0xFFFF)
                _o.Append("(?:").Append(char.ConvertFromUtf32(cp)).Append(')');
            else
                Literal((char)cp);
        }

        /// <summary>Escapes that stand for one character: \t \n \r \f \a \e \cX \0ooo \xhh \x{h..h} \uhhhh, or an escaped non-letter.</summary>
        private int EscapedCodePoint(char c)
        {
            switch (c)
            {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'a': return '\a';
                case 'e': return '\u001B';
                case 'c':
                    if (_i >= p.Length) throw Fail(@"\c needs a control letter");
                    return p[_i++] ^ 64;
                case '0':
                    // \0n, \0nn, or \0mnn with m <= 3 (Java's octal escape).
                    int v = 0, n = 0;
                    while (_i < p.Length && p[_i] is >= '0' and <= '7' && (n < 2 || (n == 2 && v < 32)))
                    {
                        v = v * 8 + (p[_i++] - '0');
                        n++;
                    }
                    return n > 0 ? v : throw Fail(@"\0 needs octal digits");
                case 'x':
                    if (_i < p.Length && p[_i] == '{')
                    {
                        int close = p.IndexOf('}', _i);
                        if (close < 0 || !int.TryParse(p.AsSpan(_i + 1, close - _i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int x) || x > 0x10FFFF)
                            throw Fail(@"bad \x{...} escape");
                        _i = close + 1;
                        return x;
                    }
                    return Hex(2);
                case 'u': return Hex(4);
            }
            if (char.IsAsciiLetterOrDigit(c))
                throw Fail($@"unknown escape '\{c}' (Java refuses it)");
            return c;
        }

        private int Hex(int digits)
        {
            if (_i + digits > p.Length || !int.TryParse(p.AsSpan(_i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
                throw Fail("bad hexadecimal escape");
            _i += digits;
            return v;
        }

        /// <summary>A [...] class. Outside a class a negated one also takes a surrogate pair whole.</summary>
        private string Class(bool outer)
        {
            var sb = new StringBuilder();
            bool negated = _i < p.Length && p[_i] == '^';
            if (negated)
                _i++;
            bool first = true;
            while (true)
            {
                if (_i >= p.Length)
                    throw Fail("unclosed character class");
                char c = p[_i++];
                if ((_flags & Flags.X) != 0 && char.IsWhiteSpace(c))
                    continue;
                if (c == ']' && !first)
                    break;
                first = false;
                if (c == '[')
                    throw Fail("nested character classes (union) are not supported");
                if (c == '&' && _i < p.Length && p[_i] == '&')
                    throw Fail("character class intersection '&&' is not supported");
                if (c == '\\')
                {
                    if (_i >= p.Length)
                        throw Fail("trailing backslash");
                    char e = p[_i++];
                    bool u = (_flags & Flags.U) != 0;
                    string? set = e switch
                    {
                        'd' => u ? @"\p{Nd}" : "0-9",
                        's' => SpaceSet(u),
                        'w' => WordSet(u),
                        'h' => HorizontalSet,
                        'v' => VerticalSet,
                        'p' or 'P' => Property(e == 'P', inClass: true),
                        'D' or 'S' or 'W' or 'H' or 'V' => throw Fail($@"'\{e}' inside a character class is not supported"),
                        'Q' => throw Fail(@"\Q inside a character class is not supported"),
                        _ => null,
                    };
                    if (set is not null)
                    {
                        sb.Append(set);
                        continue;
                    }
                    int cp = EscapedCodePoint(e);
                    if (cp > 0xFFFF)
                        throw Fail("supplementary characters inside a character class are not supported");
                    c = (char)cp;
                }
                else if (char.IsSurrogate(c))
                {
                    throw Fail("supplementary characters inside a character class are not supported");
                }
                char hi = c;
                if (_i + 1 < p.Length && p[_i] == '-' && p[_i + 1] != ']')
                {
                    _i++;
                    hi = p[_i++];
                    if (hi == '\\')
                    {
                        if (_i >= p.Length) throw Fail("trailing backslash");
                        int cp = EscapedCodePoint(p[_i++]);
                        if (cp > 0xFFFF) throw Fail("supplementary characters inside a character class are not supported");
                        hi = (char)cp;
                    }
                    if (hi < c)
                        throw Fail($"illegal character range {c}-{hi}");
                }
                AppendRange(sb, c, hi);
            }
            if (sb.Length == 0)
                throw Fail("empty character class");
            string body = sb.ToString();
            return negated
                ? (outer ? $"(?:{AnyPair}|[^{body}])" : $"[^{body}]")
                : $"[{body}]";
        }

        /// <summary>Appends a range, adding the other ASCII case under (?i).</summary>
        private void AppendRange(StringBuilder sb, char lo, char hi)
        {
            sb.Append(ClassChar(lo));
            if (hi != lo)
                sb.Append('-').Append(ClassChar(hi));
            if ((_flags & Flags.I) == 0)
                return;
            AddCase(sb, lo, hi, 'a', 'z', 'A' - 'a');
            AddCase(sb, lo, hi, 'A', 'Z', 'a' - 'A');
        }

        private static void AddCase(StringBuilder sb, char lo, char hi, char from, char to, int delta)
        {
            char a = (char)Math.Max(lo, from), b = (char)Math.Min(hi, to);
            if (a <= b)
                sb.Append((char)(a + delta)).Append('-').Append((char)(b + delta));
        }

        private static string ClassChar(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c
            : c < 0x20 || c == 0x7F ? $"\\u{(int)c:X4}" : c.ToString();

        private void Literal(char c)
        {
            if ((_flags & Flags.I) != 0 && char.IsAsciiLetter(c))
            {
                _o.Append('[').Append(char.ToLowerInvariant(c)).Append(char.ToUpperInvariant(c)).Append(']');
                return;
            }
            if (c < 0x20 || c == 0x7F)
                _o.Append($"\\u{(int)c:X4}");
            else if (@"\*+?|{}[]()^$.# ".Contains(c))
                _o.Append('\\').Append(c);
            else
                _o.Append(c);
        }

        /// <summary>\p{Name} / \P{Name}: general categories and ASCII POSIX classes; scripts and blocks are refused.</summary>
        private string Property(bool negated, bool inClass)
        {
            string name;
            if (_i < p.Length && p[_i] == '{')
            {
                int close = p.IndexOf('}', _i);
                if (close < 0)
                    throw Fail(@"unclosed \p{...}");
                name = p[(_i + 1)..close];
                _i = close + 1;
            }
            else if (_i < p.Length)
            {
                name = p[_i++].ToString();
            }
            else
            {
                throw Fail(@"\p needs a property name");
            }
            string? posix = (_flags & Flags.U) != 0 ? null : name switch
            {
                "Lower" => "a-z",
                "Upper" => "A-Z",
                "ASCII" => @"\u0000-\u007F",
                "Alpha" => "a-zA-Z",
                "Digit" => "0-9",
                "Alnum" => "a-zA-Z0-9",
                "Punct" => @"!-/:-@\[-`{-~",
                "Graph" => "!-~",
                "Print" => " -~",
                "Blank" => @" \t",
                "Cntrl" => @"\u0000-\u001F\u007F",
                "XDigit" => "0-9a-fA-F",
                "Space" => @" \t\n\u000B\f\r",
                _ => null,
            };
            if (posix is not null)
            {
                if (negated && inClass)
                    throw Fail($@"\P{{{name}}} inside a character class is not supported");
                return inClass ? posix : negated ? $"(?:{AnyPair}|[^{posix}])" : $"[{posix}]";
            }
            string category = name;
            foreach (var prefix in new[] { "general_category=", "gc=", "Is" })
                if (category.StartsWith(prefix, StringComparison.Ordinal))
                    category = category[prefix.Length..];
            if (category is "LC" or "L&")
                return negated ? (inClass ? throw Fail(@"\P{LC} inside a class is not supported") : @"[^\p{Lu}\p{Ll}\p{Lt}]") : inClass ? @"\p{Lu}\p{Ll}\p{Lt}" : @"[\p{Lu}\p{Ll}\p{Lt}]";
            if (!GeneralCategories.Contains(category))
                throw Fail($@"property \p{{{name}}} is not supported (scripts, blocks, binary and java* properties have no faithful .NET equivalent)");
            return $"\\{(negated ? 'P' : 'p')}{{{category}}}";
        }

        private string Dollar() => (_flags & Flags.M) != 0 ? @"(?=[\n\r\u0085\u2028\u2029]|\z)(?!(?<=\r)\n)" : DollarAtEnd;

        private const string DollarAtEnd = @"(?=(?:\r\n|[\n\r\u0085\u2028\u2029])?\z)(?!(?<=\r)\n)";

        private bool SkipComment(char c)
        {
            if (char.IsWhiteSpace(c))
                return true;
            if (c != '#')
                return false;
            while (_i < p.Length && p[_i] is not ('\n' or '\r' or '\u0085' or '\u2028' or '\u2029'))
                _i++;
            return true;
        }

        private static bool IsRepetition(string body) =>
            body.Length > 0 && body.Split(',') is { Length: <= 2 } parts && parts[0].Length > 0
            && parts.All(x => x.All(char.IsAsciiDigit));

        private JavaRegexException Fail(string problem) => new($"Java regex \"{Truncate(p)}\": {problem}.");

        private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "...";
    }

    private static string SpaceSet(bool unicode) => unicode ? @"\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000" : @"\t\n\u000B\f\r ";

    private static string WordSet(bool unicode) => unicode ? @"\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Me}\p{Nd}\p{Pc}\u200C\u200D" : "a-zA-Z_0-9";

    private const string HorizontalSet = @" \t\u00A0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";

    private const string VerticalSet = @"\n\u000B\f\r\u0085\u2028\u2029";

    private static readonly HashSet<string> GeneralCategories = new(StringComparer.Ordinal)
    {
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
        "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Co", "Cs", "Cn",
    };
}
