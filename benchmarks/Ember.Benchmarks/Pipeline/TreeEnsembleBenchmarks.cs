using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Ember.Pipeline;

namespace Ember.Benchmarks.Pipeline;

/// <summary>
/// Scoring cost of tree ensembles built from synthetic random trees: (b) RandomForestClassifier,
/// 100 trees of depth 8 on 50 features (raw, probability, prediction); (c) GBTClassifier, 100
/// trees of depth 5. Rows = 1 is single-row latency (a frame of one row, as a request scores);
/// Rows = 1000 is batch throughput (divide the mean by 1000 for the per-row cost).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class TreeEnsembleBenchmarks
{
    private const int Features = 50;
    private CompiledPipeline _forest = null!;
    private CompiledPipeline _gbt = null!;
    private Frame _forestFrame = null!;
    private Frame _gbtFrame = null!;
    private double[][] _rows = null!;

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var info = new StageInfo("org.apache.spark.ml.classification.RandomForestClassificationModel", "rf", new SparkVersion(3, 5), "rf");
        var columns = new TreeOutputColumns("features", "prediction", "", "rawPrediction", "probability");
        var forest = TreeEnsemble.Build(Enumerable.Range(0, 100).Select(_ => RandomTree(random, 8, 3)).ToArray(), Features, 3);
        _forest = Build(new RandomForestClassificationModel(info, columns, forest, 3));
        var gbtInfo = info with { SparkClass = "org.apache.spark.ml.classification.GBTClassificationModel", Uid = "gbt" };
        var gbtTrees = TreeEnsemble.Build(Enumerable.Range(0, 100).Select(_ => RandomTree(random, 5, 0)).ToArray(), Features);
        var weights = Enumerable.Range(0, 100).Select(i => i == 0 ? 1.0 : 0.1).ToArray();
        _gbt = Build(new GBTClassificationModel(gbtInfo, columns, gbtTrees, weights));
        _rows = Enumerable.Range(0, 1000).Select(_ => Enumerable.Range(0, Features).Select(_ => random.NextDouble()).ToArray()).ToArray();
        _forestFrame = _forest.CreateFrame(Rows);
        _gbtFrame = _gbt.CreateFrame(Rows);
    }

    [Benchmark]
    public void RandomForest100Depth8() => Score(_forest, _forestFrame);

    [Benchmark]
    public void GBT100Depth5() => Score(_gbt, _gbtFrame);

    private void Score(CompiledPipeline pipeline, Frame frame)
    {
        frame.Reset(Rows);
        var features = (VectorColumn)frame.Columns[pipeline.Inputs[0].Slot];
        for (int r = 0; r < Rows; r++)
            features.SetDense(r, _rows[r]);
        pipeline.DefaultPlan.Execute(frame);
    }

    private static CompiledPipeline Build(StageDefinition stage)
    {
        var builder = new PipelineBuilder();
        builder.AddStage(stage);
        return builder.Build();
    }

    /// <summary>A complete tree of the given depth, random continuous splits, pre-order ids.</summary>
    private static TreeNode[] RandomTree(Random random, int depth, int classes)
    {
        var nodes = new List<TreeNode>();
        int Add(int level)
        {
            int id = nodes.Count;
            nodes.Add(null!);
            if (level == depth)
            {
                var stats = Enumerable.Range(0, classes).Select(_ => (double)random.Next(0, 20)).ToArray();
                nodes[id] = TreeNode.Leaf(id, random.NextDouble() - 0.5, stats);
                return id;
            }
            int left = Add(level + 1);
            int right = Add(level + 1);
            nodes[id] = TreeNode.Continuous(id, random.Next(Features), random.NextDouble(), left, right);
            return id;
        }
        Add(0);
        return nodes.ToArray();
    }
}
