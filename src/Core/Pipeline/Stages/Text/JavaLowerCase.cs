using System.Globalization;
using System.Text;

namespace Ember.Pipeline;

/// <summary>Which of Java's locale-dependent lowercase rules apply (String.toLowerCase(Locale)).</summary>
internal enum JavaCaseRules
{
    /// <summary>Every locale but tr, az and lt (the JVM default en/ROOT).</summary>
    Default,
    /// <summary>Turkish and Azeri: I → ı, İ → i, I + U+0307 → i.</summary>
    Turkic,
    /// <summary>Lithuanian: I, J, Į keep a dot above before accents; Ì Í Ĩ gain one.</summary>
    Lithuanian,
}

/// <summary>
/// Java's <c>String.toLowerCase(Locale)</c>: the simple Unicode lowercase mapping per code point
/// (as .NET's invariant mapping, which agrees except for U+0130), plus Java's conditional special
/// casing (java.lang.ConditionalSpecialCasing): U+0130 → "i\u0307" outside tr/az, final sigma
/// Σ → ς at the end of a word, and the Turkic and Lithuanian rules. The word boundaries of the
/// final-sigma rule and the combining-class look-arounds of the locale rules are approximated
/// (adjacent marks only), which matters only for unusual mixes of marks.
/// </summary>
internal static class JavaLowerCase
{
    /// <summary>
    /// The rules Java applies for a locale written as Spark's StopWordsRemover passes it to
    /// <c>new Locale(s)</c>: the whole string becomes the language (lowercased), so only "tr", "az"
    /// and "lt" (not "tr_TR") switch rules.
    /// </summary>
    public static JavaCaseRules RulesForLocaleParam(string locale) => locale.ToLowerInvariant() switch
    {
        "tr" or "az" => JavaCaseRules.Turkic,
        "lt" => JavaCaseRules.Lithuanian,
        _ => JavaCaseRules.Default,
    };

    public static string ToLower(string s, JavaCaseRules rules = JavaCaseRules.Default)
    {
        int first = FirstChange(s, rules);
        if (first < 0)
            return s;
        var sb = new StringBuilder(s.Length + 4);
        sb.Append(s, 0, first);
        for (int i = first; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                // Surrogate pairs have no special cases; .NET maps the pair as one code point.
                sb.Append(s.AsSpan(i, 2).ToString().ToLowerInvariant());
                i++;
                continue;
            }
            switch (c)
            {
                case '\u0130':
                    sb.Append(rules == JavaCaseRules.Turkic ? "i" : "i\u0307");
                    continue;
                case '\u03A3':
                    sb.Append(IsFinalSigma(s, i) ? '\u03C2' : '\u03C3');
                    continue;
            }
            if (rules == JavaCaseRules.Turkic)
            {
                if (c == 'I')
                {
                    sb.Append(i + 1 < s.Length && s[i + 1] == '\u0307' ? 'i' : '\u0131');
                    continue;
                }
                if (c == '\u0307' && i > 0 && s[i - 1] == 'I')
                    continue; // the dot merged into the 'i' above
            }
            else if (rules == JavaCaseRules.Lithuanian)
            {
                string? lt = c switch
                {
                    '\u00CC' => "i\u0307\u0300",
                    '\u00CD' => "i\u0307\u0301",
                    '\u0128' => "i\u0307\u0303",
                    'I' or 'J' or '\u012E' when i + 1 < s.Length && IsAboveMark(s[i + 1]) => char.ToLowerInvariant(c) + "\u0307",
                    _ => null,
                };
                if (lt is not null)
                {
                    sb.Append(lt);
                    continue;
                }
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Index of the first char the conversion changes, or -1 (Java returns the same string then).</summary>
    private static int FirstChange(string s, JavaCaseRules rules)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsSurrogate(c) || c == '\u0130' || c == '\u03A3' || char.ToLowerInvariant(c) != c)
                return i;
            if (rules == JavaCaseRules.Turkic && c == '\u0307')
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Java's Final_Cased condition: a cased letter precedes Σ within the word (other letters,
    /// digits and marks may sit between) and no cased letter follows it within the word.
    /// </summary>
    private static bool IsFinalSigma(string s, int index)
    {
        bool casedBefore = false;
        for (int i = index - 1; i >= 0 && IsWordChar(s[i]); i--)
        {
            if (IsCased(s[i]))
            {
                casedBefore = true;
                break;
            }
        }
        if (!casedBefore)
            return false;
        for (int i = index + 1; i < s.Length && IsWordChar(s[i]); i++)
            if (IsCased(s[i]))
                return false;
        return true;
    }

    private static bool IsCased(char c) =>
        char.IsUpper(c) || char.IsLower(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.TitlecaseLetter;

    private static bool IsWordChar(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.Format => true,
        _ => c is '\'' or '.' or ':' or '\u00B7' or '\u2019',
    };

    /// <summary>Combining marks of class 230 (above) in the common diacritics block.</summary>
    private static bool IsAboveMark(char c) => c is >= '\u0300' and <= '\u0314' or '\u033D' or '\u0342' or '\u0346';
}
