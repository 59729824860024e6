using Ember.Pipeline;
using Xunit;

namespace Ember.Core.Tests.Pipeline.Stages.Sql;

/// <summary>Runs one SQLTransformer statement over rows, in Spark 3.5 (ANSI off) or 4.0 (ANSI on) mode.</summary>
internal static class SqlHarness
{
    public static SQLTransformer Stage(string statement, bool ansi) =>
        new(PipelineHarness.Info("SQLTransformer", ansi ? "4.0.0" : "3.5.0", "sql_test"), statement);

    /// <summary>SELECT expr AS r FROM __THIS__ over one row of typed inputs.</summary>
    public static RowResult Eval(string expr, bool ansi, params (string Name, SparkType Type, object? Value)[] inputs)
    {
        var declared = inputs.ToDictionary(i => i.Name, i => i.Type);
        var pipeline = PipelineHarness.Compile(declared, Stage($"SELECT {expr} AS r FROM __THIS__", ansi));
        return PipelineHarness.Score(pipeline, ["r"], PipelineHarness.Row(inputs.Select(i => (i.Name, i.Value)).ToArray()))[0];
    }

    /// <summary>The value of Eval, asserting the row was not refused.</summary>
    public static object? Value(string expr, bool ansi, params (string Name, SparkType Type, object? Value)[] inputs)
    {
        var result = Eval(expr, ansi, inputs);
        if (result.State != RowState.Ok)
            throw new InvalidOperationException($"{expr}: row {result.State}: {result.Error}");
        return result["r"];
    }

    /// <summary>
    /// <paramref name="expr"/> evaluates to <paramref name="expected"/> in the given ANSI mode; an
    /// expected value in UPPER_SNAKE case is Spark's error class, and the row must fail with it.
    /// </summary>
    internal static void AssertResult(string expr, bool ansi, object? expected)
    {
        var result = Eval(expr, ansi);
        if (expected is string error && error.ToUpperInvariant() == error && error.Contains('_'))
        {
            Assert.True(result.State == RowState.Failed, $"{expr} (ansi={ansi}): expected {error}, got {result["r"] ?? "NULL"}");
            Assert.Contains(error, result.Error!.Message, StringComparison.Ordinal);
            return;
        }
        Assert.True(result.State == RowState.Ok, $"{expr} (ansi={ansi}): {result.Error}");
        Assert.Equal(expected, result["r"]);
    }
}
