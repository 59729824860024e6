using System.Text;
using System.Text.Json;
using Ember.Pipeline;
using Ember.Api;
using Ember.Serving;
using Xunit;

namespace Ember.Core.Tests.Serving;

public sealed class OutputValuesTests
{
    private static string Render(Column column, int row = 0)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            OutputValues.Write(writer, column, row);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.999999999999992, "0.999999999999992")]
    [InlineData(8.08943962960681E-15, "8.08943962960681E-15")]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    public void Double_IsShortestRoundTrip_NonFiniteAsStrings(double value, string json)
    {
        var column = new DoubleColumn(SparkType.Double, 1);
        column.Set(0, value);
        Assert.Equal(json, Render(column));
        if (double.IsFinite(value))
            Assert.Equal(value, JsonDocument.Parse(json).RootElement.GetDouble());
    }

    [Fact]
    public void Float_IsRenderedAsTheFloat_NotItsWidenedDouble()
    {
        var column = new DoubleColumn(SparkType.Float, 1);
        column.Set(0, 0.1f);
        Assert.Equal("0.1", Render(column));
    }

    [Fact]
    public void Vectors_DenseAsArray_SparseAsSizeIndicesValues()
    {
        var column = new VectorColumn(2);
        column.Reset(2);
        column.SetDense(0, [1.5, 0, -2]);
        column.SetSparse(1, 5, [1, 3], [0.25, 4]);
        Assert.Equal("[1.5,0.0,-2.0]", Render(column, 0));
        Assert.Equal("""{"size":5,"indices":[1,3],"values":[0.25,4.0]}""", Render(column, 1));
    }

    [Fact]
    public void NullStringsArraysLongsDates()
    {
        var strings = new StringColumn(1);
        strings.Set(0, null);
        Assert.Equal("null", Render(strings));
        var tokens = new StringArrayColumn(1);
        tokens.Set(0, ["a", null]);
        Assert.Equal("""["a",null]""", Render(tokens));
        var longs = new LongColumn(SparkType.Long, 1);
        longs.Set(0, long.MaxValue);
        Assert.Equal("9223372036854775807", Render(longs));
        var dates = new LongColumn(SparkType.Date, 1);
        dates.Set(0, 19782);
        Assert.Equal("\"2024-02-29\"", Render(dates));
    }
}
