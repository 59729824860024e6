using System.Text.RegularExpressions;
using Xunit;
using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline.Stages;

public class JavaRegexTests
{
    private static bool Matches(string javaPattern, string input) => JavaRegex.Compile(javaPattern).IsMatch(input);

    private static string[] All(string javaPattern, string input) =>
        JavaRegex.Compile(javaPattern).Matches(input).Select(m => m.Value).ToArray();

    [Theory]
    [InlineData(@"^\s$", "\u00A0", false)]
    [InlineData(@"^\s$", "\u000B", true)]
    [InlineData(@"^\w$", "é", false)]
    [InlineData(@"^\d$", "\u0663", false)] // Arabic-Indic digit
    [InlineData(@"^(?U)\w$", "é", true)]
    [InlineData(@"^(?U)\d$", "\u0663", true)]
    [InlineData(@"^\p{Alpha}+$", "abcé", false)]
    [InlineData(@"^\p{Punct}+$", "!?.,;", true)]
    [InlineData(@"^\p{L}+$", "abcé", true)]
    [InlineData(@"^\p{IsLu}$", "A", true)]
    [InlineData(@"^\v$", "\n", true)]
    [InlineData(@"^\h$", "\t", true)]
    [InlineData(@"^a.c$", "a\rc", false)] // '.' excludes Java's line terminators
    [InlineData(@"(?s)^a.c$", "a\rc", true)]
    [InlineData(@"^\x{41}\u0042\0103$", "ABC", true)]
    [InlineData(@"^\Q.*\E$", ".*", true)]
    [InlineData(@"^(?i)abc$", "ABC", true)]
    [InlineData(@"^(?i)[a-c]+$", "AbC", true)]
    [InlineData(@"^(?i)k$", "\u212A", false)] // Java's (?i) is ASCII-only
    [InlineData(@"abc$", "abc\n", true)]
    [InlineData(@"abc$", "abc\u2028", true)]
    [InlineData(@"(?x) a b # comment", "ab", true)]
    public void JavaRegex_Translation_MatchesLikeJava(string pattern, string input, bool expected) =>
        Assert.Equal(expected, Matches(pattern, input));

    [Fact]
    public void JavaRegex_PossessiveQuantifier_DoesNotBacktrack()
    {
        Assert.False(Matches(@"^a*+a$", "aaa"));
        Assert.True(Matches(@"^a*a$", "aaa"));
        Assert.Equal(new[] { "ab" }, All(@"(?:ab)++", "ab"));
    }

    [Fact]
    public void JavaRegex_WordBoundary_UsesJavaWordCharacters() =>
        // JDK 8-18 \b: letters of any script and digits are word characters.
        Assert.Equal(new[] { "é", "x" }, All(@"\b\S\b", "é x"));

    [Fact]
    public void JavaRegex_DotAndNegatedSets_ConsumeSurrogatePairsWhole()
    {
        Assert.Equal(new[] { "\U0001F600" }, All(".", "\U0001F600"));
        Assert.Equal(new[] { "\U0001F600" }, All(@"[^a]", "\U0001F600"));
    }

    [Theory]
    [InlineData("[a-z&&[^aeiou]]", "intersection")]
    [InlineData("[a[b]]", "union")]
    [InlineData(@"\p{IsLatin}", "not supported")]
    [InlineData(@"\p{InGreek}", "not supported")]
    [InlineData("(?d)a", "UNIX_LINES")]
    [InlineData("(?iu)a", "Unicode case")]
    [InlineData(@"\X", "no .NET equivalent")]
    [InlineData("a{x}", "repetition")]
    [InlineData("(a", "unclosed")]
    [InlineData(@"\y", "unknown escape")]
    public void JavaRegex_Untranslatable_IsRefusedWithReason(string pattern, string reason)
    {
        var ex = Assert.Throws<JavaRegexException>(() => JavaRegex.Translate(pattern));
        Assert.Contains(reason, ex.Message);
        Assert.Contains(pattern, ex.Message);
    }
}
