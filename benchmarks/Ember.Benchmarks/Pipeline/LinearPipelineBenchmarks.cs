using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Ember.Pipeline;

namespace Ember.Benchmarks.Pipeline;

/// <summary>
/// Issue 3 benchmark (a): StringIndexer ×3 → OneHotEncoder → VectorAssembler (+5 numeric) →
/// StandardScaler → LogisticRegression, built from hand-made definitions as Spark 3.5 saves them.
/// Rows = 1 is single-row latency (a frame of one row, as a request scores); Rows = 10000 is batch
/// throughput (divide the mean by 10000 for the per-row cost). Inputs are written into the frame
/// as a request parser would; outputs (rawPrediction, probability, prediction) are computed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LinearPipelineBenchmarks
{
    private static readonly int[] Cardinalities = [10, 50, 200];
    private CompiledPipeline _pipeline = null!;
    private Frame _frame = null!;
    private string[][] _categories = null!;
    private double[][] _numbers = null!;
    private int[] _categorySlots = null!;
    private int[] _numberSlots = null!;

    [Params(1, 10000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        static StageInfo Info(string cls, string uid) => new("org.apache.spark.ml." + cls, uid, new SparkVersion(3, 5, 0), uid);
        var labels = Cardinalities.Select((n, c) => Enumerable.Range(0, n).Select(i => $"c{c}_v{i}").ToArray()).ToArray();
        string[] cats = ["cat0", "cat1", "cat2"], idx = ["cat0_idx", "cat1_idx", "cat2_idx"], vecs = ["cat0_vec", "cat1_vec", "cat2_vec"];
        string[] nums = ["n0", "n1", "n2", "n3", "n4"];
        // StringIndexer keep adds a category per column; OneHotEncoder keep + dropLast keeps that many slots.
        int size = Cardinalities.Sum(n => n + 1) + nums.Length;
        var std = Enumerable.Range(0, size).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var mean = Enumerable.Range(0, size).Select(_ => random.NextDouble()).ToArray();
        var coefficients = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var builder = new PipelineBuilder();
        builder.AddStage(new StringIndexerModel(Info("feature.StringIndexerModel", "si"), cats, idx, labels, "keep"));
        builder.AddStage(new OneHotEncoderModel(Info("feature.OneHotEncoderModel", "ohe"), idx, vecs, Cardinalities.Select(n => n + 1).ToArray(), true, "keep"));
        builder.AddStage(new VectorAssembler(Info("feature.VectorAssembler", "va"), [.. vecs, .. nums], "assembled", "keep"));
        builder.AddStage(new StandardScalerModel(Info("feature.StandardScalerModel", "ss"), "assembled", "features", false, true,
            SparkVector.Dense(mean), SparkVector.Dense(std)));
        builder.AddStage(new LogisticRegressionModel(Info("classification.LogisticRegressionModel", "lr"), "features", "prediction",
            "rawPrediction", "probability", new SparkMatrix(1, size, coefficients, isTransposed: true), SparkVector.Dense([0.1]),
            2, false, 0.5, false, null));
        _pipeline = builder.Build();
        _categorySlots = cats.Select(c => _pipeline.Inputs.First(i => i.Name == c).Slot).ToArray();
        _numberSlots = nums.Select(c => _pipeline.Inputs.First(i => i.Name == c).Slot).ToArray();
        _categories = Enumerable.Range(0, 10000).Select(_ => labels.Select(l => l[random.Next(l.Length)]).ToArray()).ToArray();
        _numbers = Enumerable.Range(0, 10000).Select(_ => nums.Select(_ => random.NextDouble() * 10).ToArray()).ToArray();
        _frame = _pipeline.CreateFrame(Rows);
    }

    [Benchmark]
    public double Score()
    {
        var frame = _frame;
        frame.Reset(Rows);
        for (int c = 0; c < _categorySlots.Length; c++)
        {
            var column = (StringColumn)frame.Columns[_categorySlots[c]];
            for (int r = 0; r < Rows; r++)
                column.Set(r, _categories[r][c]);
        }
        for (int c = 0; c < _numberSlots.Length; c++)
        {
            var column = (DoubleColumn)frame.Columns[_numberSlots[c]];
            for (int r = 0; r < Rows; r++)
                column.Set(r, _numbers[r][c]);
        }
        _pipeline.DefaultPlan.Execute(frame);
        return ((DoubleColumn)frame.Columns[_pipeline.DefaultOutputs.First(o => o.Name == "prediction").Slot]).Values[0];
    }
}
