using Ember.Pipeline;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Monitoring;

/// <summary>
/// A small classifier pipeline (StringIndexer keep → VectorAssembler → binomial LogisticRegression)
/// over a numeric input x and a categorical input color, and rows drawn like its training data or shifted.
/// </summary>
internal static class MonitoringSamples
{
    public static readonly string[] Colors = ["red", "green", "blue"];

    public static CompiledPipeline Pipeline() => Compile(
        null,
        new StringIndexerModel(Info("StringIndexerModel", "3.5.0", "si"), ["color"], ["colorIndex"], [Colors], "keep"),
        new VectorAssembler(Info("VectorAssembler", "3.5.0", "va"), ["x", "colorIndex"], "features", "error"),
        new LogisticRegressionModel(Info("LogisticRegressionModel", "3.5.0", "lr"), "features", "prediction", "rawPrediction", "probability",
            new SparkMatrix(1, 2, [1.0, 0.5], isTransposed: true), SparkVector.Dense([-0.5]), 2, false, 0.5, false, null));

    /// <summary>x ~ N(mean, 1); colors with shares 60/30/10, or with <paramref name="unseenShare"/> of "purple".</summary>
    public static (double X, string Color)[] Rows(int seed, int count, double mean = 0, double unseenShare = 0, double[]? shares = null)
    {
        var rng = new Random(seed);
        shares ??= [0.6, 0.3, 0.1];
        var rows = new (double, string)[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double x = mean + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            double c = rng.NextDouble();
            string color = rng.NextDouble() < unseenShare ? "purple" : c < shares[0] ? Colors[0] : c < shares[0] + shares[1] ? Colors[1] : Colors[2];
            rows[i] = (x, color);
        }
        return rows;
    }

    /// <summary>Fills a frame with rows and scores it with the default plan.</summary>
    public static Frame Score(CompiledPipeline pipeline, (double X, string Color)[] rows, Frame? frame = null)
    {
        frame ??= pipeline.CreateFrame(rows.Length);
        frame.Reset(rows.Length);
        var x = pipeline.Inputs.First(i => i.Name == "x");
        var color = pipeline.Inputs.First(i => i.Name == "color");
        var xs = (DoubleColumn)frame.Columns[x.Slot];
        var colors = (StringColumn)frame.Columns[color.Slot];
        for (int r = 0; r < rows.Length; r++)
        {
            xs.Set(r, rows[r].X);
            colors.Set(r, rows[r].Color);
        }
        pipeline.DefaultPlan.Execute(frame);
        return frame;
    }

    public static void WriteCsv(string path, (double X, string Color)[] rows)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("x,color,label");
        foreach (var (x, color) in rows)
            w.WriteLine(FormattableString.Invariant($"{x:R},{color},0"));
    }
}
