using System.Text.Json;
using Ember.Pipeline;
using Xunit;

namespace Ember.Core.Tests.Pipeline.Input;

/// <summary>Batch and example cells for DATE / TIMESTAMP columns take the JSON API's forms.</summary>
public class TemporalTextTests
{
    [Theory]
    [InlineData("2020-01-01", 18262L)]
    [InlineData(" 1969-12-31 ", -1L)]
    public void TextValues_Date_IsDaysSinceEpoch(string text, long days)
    {
        Assert.Equal(days, TextValues.Parse(text, SparkType.Date, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void TextValues_Timestamp_IsMicrosUtc_OffsetApplied()
    {
        Assert.Equal(1577881800L * 1_000_000, TextValues.Parse("2020-01-01T12:30:00Z", SparkType.Timestamp, out _));
        Assert.Equal(1577881800L * 1_000_000, TextValues.Parse("2020-01-01T14:30:00+02:00", SparkType.Timestamp, out _));
        Assert.Equal(1577881800L * 1_000_000 + 500_000, TextValues.Parse("2020-01-01 12:30:00.5", SparkType.Timestamp, out _));
    }

    [Fact]
    public void TextValues_BadDate_NamesTheExpectedType()
    {
        Assert.Null(TextValues.Parse("2020-02-30", SparkType.Date, out var problem));
        Assert.Contains("expected date", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonValues_DateString_IsDaysSinceEpoch()
    {
        using var doc = JsonDocument.Parse("\"2020-01-02\"");
        Assert.Equal(18263L, JsonValues.Read(doc.RootElement, SparkType.Date, out var problem));
        Assert.Null(problem);
    }
}
