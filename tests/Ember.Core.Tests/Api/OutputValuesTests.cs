using Xunit;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Pipeline;

namespace Ember.Core.Tests.Api;

public sealed class OutputValuesTests
{
    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(5.370790682283299e-06, "5.370790682283299E-06")]
    public void Doubles_AreShortestRoundTripWithSparksSpecialValues(double value, string json)
    {
        Assert.Equal(json, Render(w => OutputValues.WriteDouble(w, value, isFloat: false)));
    }

    [Fact]
    public void Doubles_RoundTripExactly()
    {
        var random = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            double d = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(d))
                continue;
            Assert.Equal(d, double.Parse(Render(w => OutputValues.WriteDouble(w, d, false)), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Floats_AreWrittenAsFloats()
    {
        Assert.Equal("0.1", Render(w => OutputValues.WriteDouble(w, (float)0.1, isFloat: true)));
    }

    [Fact]
    public void Vectors_DenseAsArrays_SparseAsSizeIndicesValues()
    {
        var column = new VectorColumn(2);
        column.Reset(2);
        column.SetDense(0, [1.0, double.NaN]);
        column.SetSparse(1, 5, [1, 3], [2.5, -1.0]);

        Assert.Equal("[1.0,\"NaN\"]", Render(w => OutputValues.Write(w, column, 0)));
        Assert.Equal("{\"size\":5,\"indices\":[1,3],\"values\":[2.5,-1.0]}", Render(w => OutputValues.Write(w, column, 1)));
    }

    [Fact]
    public void Nulls_StringArraysAndLongs_AreWrittenAsJson()
    {
        var strings = new StringArrayColumn(2);
        strings.Reset(2);
        strings.Set(0, ["a", null]);
        strings.SetNull(1);
        var longs = new LongColumn(SparkType.Long, 1);
        longs.Reset(1);
        longs.Set(0, long.MaxValue);

        Assert.Equal("[\"a\",null]", Render(w => OutputValues.Write(w, strings, 0)));
        Assert.Equal("null", Render(w => OutputValues.Write(w, strings, 1)));
        Assert.Equal("9223372036854775807", Render(w => OutputValues.Write(w, longs, 0)));
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
