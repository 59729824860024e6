using Ember.Monitoring;
using Ember.Pipeline;

namespace Ember.Monitoring.Tests;

/// <summary>
/// A small classifier (StringIndexer keep → VectorAssembler → binomial LogisticRegression) over a
/// numeric input x and a categorical input color, its training sample and shifted traffic.
/// <see cref="DemoBundle"/> saves the same model in Spark's layout for the real host.
/// </summary>
internal static class DemoModel
{
    public static readonly string[] Colors = ["red", "green", "blue"];

    public static CompiledPipeline Pipeline()
    {
        static StageInfo Info(string cls, string uid) => new("org.apache.spark.ml." + cls, uid, new SparkVersion(3, 5, 0), uid);
        var builder = new PipelineBuilder();
        builder.AddStage(new StringIndexerModel(Info("feature.StringIndexerModel", "si"), ["color"], ["colorIndex"], [Colors], "keep"));
        builder.AddStage(new VectorAssembler(Info("feature.VectorAssembler", "va"), ["x", "colorIndex"], "features", "error"));
        builder.AddStage(new LogisticRegressionModel(Info("classification.LogisticRegressionModel", "lr"), "features", "prediction",
            "rawPrediction", "probability", new SparkMatrix(1, 2, [1.0, 0.5], isTransposed: true), SparkVector.Dense([-0.5]), 2, false, 0.5, false, null));
        return builder.Build();
    }

    /// <summary>x ~ N(mean, 1); colors 60/30/10, <paramref name="unseenShare"/> of them "purple".</summary>
    public static (double X, string Color)[] Rows(int seed, int count, double mean = 0, double unseenShare = 0)
    {
        var rng = new Random(seed);
        var rows = new (double, string)[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double x = mean + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            double c = rng.NextDouble();
            rows[i] = (x, rng.NextDouble() < unseenShare ? "purple" : c < 0.6 ? Colors[0] : c < 0.9 ? Colors[1] : Colors[2]);
        }
        return rows;
    }

    public static ModelBaseline Baseline(CompiledPipeline pipeline, string directory) =>
        BaselineBuilder.Build(pipeline, WriteTrainingSample(directory)).Baseline;

    /// <summary>The training sample as `ember pack --baseline` reads it: train.csv with a header row, 4000 rows.</summary>
    public static string WriteTrainingSample(string directory)
    {
        string csv = Path.Combine(directory, "train.csv");
        using var w = new StreamWriter(csv);
        w.WriteLine("x,color");
        foreach (var (x, color) in Rows(1, 4000))
            w.WriteLine(FormattableString.Invariant($"{x:R},{color}"));
        return csv;
    }

    /// <summary>Scores rows in frames of 100 and hands each frame to the monitor, as the API does.</summary>
    public static void Serve(CompiledPipeline pipeline, ScoringMonitor monitor, (double X, string Color)[] rows)
    {
        var frame = pipeline.CreateFrame(100);
        var xs = pipeline.Inputs.First(i => i.Name == "x").Slot;
        var colors = pipeline.Inputs.First(i => i.Name == "color").Slot;
        for (int start = 0; start < rows.Length; start += 100)
        {
            int n = Math.Min(100, rows.Length - start);
            frame.Reset(n);
            for (int r = 0; r < n; r++)
            {
                ((DoubleColumn)frame.Columns[xs]).Set(r, rows[start + r].X);
                ((StringColumn)frame.Columns[colors]).Set(r, rows[start + r].Color);
            }
            pipeline.DefaultPlan.Execute(frame);
            monitor.Observe(frame, pipeline.DefaultPlan);
            monitor.RecordRequest(0.5 + (start % 700) / 100.0);
        }
    }
}
