using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline;

/// <summary>
/// Runs hand-built stage definitions on rows given as name → value, the way unit tests of a
/// stage want to: every row through one batch frame, results back as plain values.
/// </summary>
internal static class PipelineHarness
{
    public static readonly StageInfo Spark35 = Info("Test", "3.5.0");

    public static StageInfo Info(string shortClass, string version, string uid = "uid_test") =>
        SparkVersion.TryParse(version, out var v)
            ? new StageInfo("org.apache.spark.ml.test." + shortClass, uid, v, "stages/0_" + uid)
            : throw new ArgumentException(version);

    public static CompiledPipeline Compile(IReadOnlyDictionary<string, SparkType>? declared, params StageDefinition[] stages)
    {
        var builder = new PipelineBuilder(declared);
        foreach (var s in stages)
            builder.AddStage(s);
        return builder.Build();
    }

    /// <summary>Scores rows; each result holds either the output values or the row's error.</summary>
    public static IReadOnlyList<RowResult> Score(CompiledPipeline pipeline, IEnumerable<string> outputs, params Dictionary<string, object?>[] rows)
    {
        var plan = pipeline.PlanFor(outputs.ToList(), out var error) ?? throw new InvalidOperationException(error);
        var frame = pipeline.CreateFrame(rows.Length);
        frame.Reset(rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            foreach (var input in pipeline.Inputs)
            {
                rows[r].TryGetValue(input.Name, out var value);
                var problem = FrameValues.TrySet(frame.Columns[input.Slot], r, value);
                if (problem is not null)
                    throw new ArgumentException($"row {r}, column {input.Name}: {problem}");
            }
        }
        plan.Execute(frame);
        var results = new List<RowResult>();
        for (int r = 0; r < rows.Length; r++)
        {
            var values = plan.Outputs.ToDictionary(o => o.Name, o => frame.IsOk(r) ? FrameValues.Get(frame.Columns[o.Slot], r) : null);
            results.Add(new RowResult(frame.States[r], frame.Errors[r], values));
        }
        return results;
    }

    public static Dictionary<string, object?> Row(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}

internal sealed record RowResult(RowState State, ScoreError? Error, IReadOnlyDictionary<string, object?> Values)
{
    public object? this[string name] => Values[name];

    public SparkVector Vector(string name) => (SparkVector)Values[name]!;
}
