using Xunit;
using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Pipeline.Stages;

public class MathBinaryModelTests
{
    private static CompiledPipeline Binary(MathBinaryOperation op, string? a = "a", string? b = "b", double? da = null, double? db = null) =>
        Compile(null, new MathBinaryModel(Info("MathBinary", "2.2.0"), a, b, "y", op, da, db));

    private static double Apply(MathBinaryOperation op, double a, double b) =>
        (double)Score(Binary(op), ["y"], Row(("a", a), ("b", b)))[0]["y"]!;

    [Theory]
    [InlineData(MathBinaryOperation.Add, 3.0, 0.12, 3.12)]
    [InlineData(MathBinaryOperation.Subtract, 3.0, 0.5, 2.5)]
    [InlineData(MathBinaryOperation.Multiply, 3.0, 0.12, 3.0 * 0.12)]
    [InlineData(MathBinaryOperation.Divide, 1.0, 4.0, 0.25)]
    [InlineData(MathBinaryOperation.Remainder, -7.5, 2.0, -1.5)]
    [InlineData(MathBinaryOperation.Pow, 2.0, 10.0, 1024.0)]
    [InlineData(MathBinaryOperation.LogN, 8.0, 2.0, 3.0)]
    public void MathBinary_AppliesTheOperation(MathBinaryOperation op, double a, double b, double expected) =>
        Assert.Equal(expected, Apply(op, a, b));

    [Fact]
    public void MathBinary_DivideByZero_IsInfinityOrNaN_NotAnError()
    {
        Assert.Equal(double.PositiveInfinity, Apply(MathBinaryOperation.Divide, 1.0, 0.0));
        Assert.Equal(double.NegativeInfinity, Apply(MathBinaryOperation.Divide, -1.0, 0.0));
        Assert.True(double.IsNaN(Apply(MathBinaryOperation.Divide, 0.0, 0.0)));
        Assert.True(double.IsNaN(Apply(MathBinaryOperation.Remainder, 5.0, 0.0)));
    }

    [Fact]
    public void MathBinary_Pow_FollowsJavaNotIeee()
    {
        Assert.True(double.IsNaN(Apply(MathBinaryOperation.Pow, 1.0, double.NaN)));
        Assert.True(double.IsNaN(Apply(MathBinaryOperation.Pow, -1.0, double.PositiveInfinity)));
        Assert.Equal(1.0, Apply(MathBinaryOperation.Pow, double.NaN, 0.0));
    }

    [Fact]
    public void MathBinary_MissingInput_UsesTheDefaultConstant()
    {
        var p = Binary(MathBinaryOperation.Subtract, a: null, da: 10.0);
        Assert.Equal(["b"], p.Inputs.Select(i => i.Name));
        Assert.Equal(7.5, Score(p, ["y"], Row(("b", 2.5)))[0]["y"]);
        Assert.Equal(4.0, Score(Binary(MathBinaryOperation.Multiply, b: null, db: 2.0), ["y"], Row(("a", 2.0)))[0]["y"]);
    }

    [Fact]
    public void MathBinary_PresentInput_IgnoresItsDefault() =>
        Assert.Equal(5.0, Score(Binary(MathBinaryOperation.Add, da: 100.0), ["y"], Row(("a", 2.0), ("b", 3.0)))[0]["y"]);

    [Fact]
    public void MathBinary_NoInputAndNoDefault_RefusedAtCompile() =>
        Assert.Throws<PipelineCompileException>(() => Binary(MathBinaryOperation.Add, a: null));

    [Fact]
    public void MathBinary_NullOperand_FailsTheRowNamingIt()
    {
        var r = Score(Binary(MathBinaryOperation.Add), ["y"], Row(("a", 1.0), ("b", null)))[0];
        Assert.Equal(RowState.Failed, r.State);
        Assert.Equal(ErrorCode.NullValue, r.Error!.Code);
        Assert.Equal("b", r.Error.Column);
    }

    [Fact]
    public void MathBinary_OperationNames_RoundTrip()
    {
        foreach (var op in Enum.GetValues<MathBinaryOperation>())
        {
            Assert.True(MathBinaryModel.TryParse(MathBinaryModel.NameOf(op), out var parsed));
            Assert.Equal(op, parsed);
        }
        Assert.False(MathBinaryModel.TryParse("max", out _));
    }
}
