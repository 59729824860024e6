using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class MathUnaryModelTests
{
    private static CompiledPipeline Unary(MathUnaryOperation op, SparkType? type = null) =>
        Compile(type is null ? null : new Dictionary<string, SparkType> { ["x"] = type },
            new MathUnaryModel(Info("MathUnary", "2.2.0"), "x", "y", op));

    private static RowResult One(MathUnaryOperation op, object? x) => Score(Unary(op), ["y"], Row(("x", x)))[0];

    [Theory]
    [InlineData(MathUnaryOperation.Tan, 0.12)]
    [InlineData(MathUnaryOperation.Log, 2.5)]
    [InlineData(MathUnaryOperation.Exp, -1.25)]
    [InlineData(MathUnaryOperation.Sqrt, 2.0)]
    [InlineData(MathUnaryOperation.Sin, 1.0)]
    [InlineData(MathUnaryOperation.Cos, 1.0)]
    [InlineData(MathUnaryOperation.Abs, -3.5)]
    [InlineData(MathUnaryOperation.Floor, -2.5)]
    [InlineData(MathUnaryOperation.Ceil, -2.5)]
    public void MathUnary_AppliesTheJavaFunction(MathUnaryOperation op, double x)
    {
        double expected = op switch
        {
            MathUnaryOperation.Tan => Math.Tan(x),
            MathUnaryOperation.Log => Math.Log(x),
            MathUnaryOperation.Exp => Math.Exp(x),
            MathUnaryOperation.Sqrt => Math.Sqrt(x),
            MathUnaryOperation.Sin => Math.Sin(x),
            MathUnaryOperation.Cos => Math.Cos(x),
            MathUnaryOperation.Abs => 3.5,
            MathUnaryOperation.Floor => -3.0,
            MathUnaryOperation.Ceil => -2.0,
            _ => double.NaN,
        };
        Assert.Equal(expected, (double)One(op, x)["y"]!);
    }

    [Theory]
    [InlineData(2.5, 3.0)]
    [InlineData(-2.5, -2.0)]
    [InlineData(0.49999999999999994, 0.0)]
    [InlineData(double.NaN, 0.0)]
    [InlineData(1e300, 9.2233720368547758E18)]
    public void MathUnary_RoundOf_IsJavaMathRound(double x, double expected) =>
        Assert.Equal(expected, (double)One(MathUnaryOperation.Round, x)["y"]!);

    [Fact]
    public void MathUnary_NaNAndDomainErrors_GiveNaNNotErrors()
    {
        Assert.True(double.IsNaN((double)One(MathUnaryOperation.Log, -1.0)["y"]!));
        Assert.Equal(double.NegativeInfinity, (double)One(MathUnaryOperation.Log, 0.0)["y"]!);
        Assert.True(double.IsNaN((double)One(MathUnaryOperation.Sqrt, double.NaN)["y"]!));
    }

    [Fact]
    public void MathUnary_Logit_OutsideZeroOneFailsTheRow_EndsAreInfinite()
    {
        Assert.Equal(Math.Log(0.25 / 0.75), (double)One(MathUnaryOperation.Logit, 0.25)["y"]!);
        Assert.Equal(double.NegativeInfinity, (double)One(MathUnaryOperation.Logit, 0.0)["y"]!);
        Assert.Equal(double.PositiveInfinity, (double)One(MathUnaryOperation.Logit, 1.0)["y"]!);
        var bad = One(MathUnaryOperation.Logit, 1.5);
        Assert.Equal(RowState.Failed, bad.State);
        Assert.Equal(ErrorCode.OutOfRange, bad.Error!.Code);
        Assert.Equal("x", bad.Error.Column);
    }

    [Fact]
    public void MathUnary_LogitTransform_ClipsIntoTheOpenInterval()
    {
        Assert.Equal(Math.Log(0.000001 / (1 - 0.000001)), (double)One(MathUnaryOperation.ClippedLogit, -4.0)["y"]!);
        Assert.Equal(Math.Log(0.999999 / (1 - 0.999999)), (double)One(MathUnaryOperation.ClippedLogit, 1.0)["y"]!);
    }

    [Fact]
    public void MathUnary_NullInput_FailsTheRowNamingTheColumn()
    {
        var r = One(MathUnaryOperation.Exp, null);
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.NullValue, r.Error!.Code);
        Assert.Equal("x", r.Error.Column);
    }

    [Fact]
    public void MathUnary_LongInput_IsCastToDouble() =>
        Assert.Equal(3.0, Score(Unary(MathUnaryOperation.Abs, SparkType.Long), ["y"], Row(("x", -3L)))[0]["y"]);

    [Fact]
    public void MathUnary_OperationNames_RoundTrip()
    {
        foreach (var op in Enum.GetValues<MathUnaryOperation>())
        {
            Assert.True(MathUnaryModel.TryParse(MathUnaryModel.NameOf(op), out var parsed));
            Assert.Equal(op, parsed);
        }
        Assert.False(MathUnaryModel.TryParse("cube", out _));
    }
}
