using Xunit;
using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline.Stages;

public class JavaNumberFormatTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1e10, "1.0E10")]
    [InlineData(1.2345e10, "1.2345E10")]
    [InlineData(-1.5e-5, "-1.5E-5")]
    [InlineData(0.1, "0.1")]
    [InlineData(123.456, "123.456")]
    [InlineData(1e23, "1.0E23")]
    [InlineData(double.MaxValue, "1.7976931348623157E308")]
    [InlineData(double.Epsilon, "4.9E-324")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(2.0 / 3.0, "0.6666666666666666")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(12345678.9, "1.23456789E7")]
    public void FormatDouble_FollowsJavaDoubleToString(double value, string expected) =>
        Assert.Equal(expected, JavaNumberFormat.FormatDouble(value));

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1.0f, "1.0")]
    [InlineData(1e10f, "1.0E10")]
    [InlineData(float.Epsilon, "1.4E-45")]
    [InlineData(3.4028235e38f, "3.4028235E38")]
    [InlineData(-0.0f, "-0.0")]
    public void FormatFloat_UsesFloatDigits(float value, string expected) =>
        Assert.Equal(expected, JavaNumberFormat.FormatFloat(value));

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1", false)]
    [InlineData("1.00", false)]
    [InlineData("1.0E10", true)]
    [InlineData("1e10", false)]
    [InlineData("10000000000.0", false)]
    [InlineData("NaN", true)]
    [InlineData("abc", false)]
    public void TryParseJavaDouble_AcceptsOnlyJavaRenderings(string text, bool expected) =>
        Assert.Equal(expected, JavaNumberFormat.TryParseJavaDouble(text, out _));

    [Theory]
    [InlineData("8", true)]
    [InlineData("-3", true)]
    [InlineData("08", false)]
    [InlineData("+3", false)]
    [InlineData("3.0", false)]
    public void TryParseJavaLong_AcceptsOnlyLongToString(string text, bool expected) =>
        Assert.Equal(expected, JavaNumberFormat.TryParseJavaLong(text, out _));

    [Fact]
    public void FormatDouble_RoundTripsRandomValues()
    {
        var rng = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            double d = BitConverter.Int64BitsToDouble((long)(rng.NextDouble() * long.MaxValue) * (rng.Next(2) == 0 ? 1 : -1));
            if (!double.IsFinite(d))
                continue;
            string s = JavaNumberFormat.FormatDouble(d);
            Assert.True(JavaNumberFormat.TryParseJavaDouble(s, out double back), s);
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(back));
        }
    }
}
