using Xunit;
using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline.Stages;

public class JavaLowerCaseTests
{
    [Theory]
    [InlineData("ABC", "abc")]
    [InlineData("abc", "abc")]
    [InlineData("\u0130", "i\u0307")]
    [InlineData("ΑΣ ΣΑ Σ", "ας σα σ")]
    [InlineData("Α1Σ", "α1ς")] // Java looks past digits inside the word for a cased letter
    [InlineData("\u212A", "k")] // Kelvin sign
    [InlineData("\u1E9E", "\u00DF")]
    [InlineData("\u01C5", "\u01C6")]
    [InlineData("ID", "id")]
    public void JavaLowerCase_Default_MatchesJava(string input, string expected) =>
        Assert.Equal(expected, JavaLowerCase.ToLower(input));

    [Theory]
    [InlineData("ISTANBUL", "\u0131stanbul")]
    [InlineData("\u0130zmir", "izmir")]
    [InlineData("I\u0307", "i")]
    public void JavaLowerCase_Turkic_AppliesDotlessRules(string input, string expected) =>
        Assert.Equal(expected, JavaLowerCase.ToLower(input, JavaCaseRules.Turkic));

    [Fact]
    public void JavaLowerCase_Lithuanian_KeepsDotBeforeAccent() =>
        Assert.Equal("i\u0307\u0300", JavaLowerCase.ToLower("\u00CC", JavaCaseRules.Lithuanian));

    [Fact]
    public void JavaLowerCase_Unchanged_ReturnsSameInstance()
    {
        string s = "already lower";
        Assert.Same(s, JavaLowerCase.ToLower(s));
    }

    [Theory]
    [InlineData("tr", "Turkic")]
    [InlineData("AZ", "Turkic")]
    [InlineData("lt", "Lithuanian")]
    [InlineData("tr_TR", "Default")] // new Locale("tr_TR") has language "tr_tr"
    [InlineData("en_US", "Default")]
    public void JavaLowerCase_LocaleParam_OnlyBareLanguageSwitchesRules(string locale, string expected) =>
        Assert.Equal(expected, JavaLowerCase.RulesForLocaleParam(locale).ToString());
}
