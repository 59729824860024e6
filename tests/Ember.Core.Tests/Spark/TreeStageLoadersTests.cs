using Xunit;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Core.Tests.Pipeline;

namespace Ember.Core.Tests.Spark;

/// <summary>Loads tree and clustering stages from metadata files plus data rows served by a fake data reader.</summary>
public sealed class TreeStageLoadersTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ember-trees-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, List<DataRow>> _data = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FakeReader(Dictionary<string, List<DataRow>> data) : IDataFileReader
    {
        public IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory) => data[directory];
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void Data(string folder, params DataRow[] rows)
    {
        Directory.CreateDirectory(Path.Combine(_root, folder));
        _data[folder] = rows.ToList();
    }

    private static DataRow Node(int id, double prediction, double[] stats, int left, int right, int feature, double[] cats, int numCategories) =>
        new(["id", "prediction", "impurity", "impurityStats", "gain", "leftChild", "rightChild", "split"],
            [id, prediction, 0.5, stats.Cast<object?>().ToList(), 0.1, left, right,
             new DataRow(["featureIndex", "leftCategoriesOrThreshold", "numCategories"], [feature, cats.Cast<object?>().ToList(), numCategories], "t")], "t");

    private static DataRow[] Stump(double threshold) =>
    [
        Node(0, 0.0, [2.0, 2.0], 1, 2, 0, [threshold], -1),
        Node(1, 0.0, [2.0, 0.0], -1, -1, -1, [], -1),
        Node(2, 1.0, [0.0, 2.0], -1, -1, -1, [], -1),
    ];

    private StageDefinition Load() => new SparkModelLoader(SparkStageRegistry.CreateDefault(), new FakeReader(_data)).Load(_root).Root;

    [Fact]
    public void RandomForestClassifier_24_LoadsTreesByTreeId_AndScores()
    {
        Write("metadata/part-00000", """{"class":"org.apache.spark.ml.classification.RandomForestClassificationModel","timestamp":1,"sparkVersion":"2.4.0","uid":"rfc_1","paramMap":{"featuresCol":"f"},"defaultParamMap":{"predictionCol":"prediction","rawPredictionCol":"rawPrediction","probabilityCol":"probability"},"numFeatures":1,"numClasses":2,"numTrees":2}""");
        var rows = Stump(0.5).Select(n => new DataRow(["treeID", "nodeData"], [1, n], "t"))
            .Concat(Stump(1.5).Select(n => new DataRow(["treeID", "nodeData"], [0, n], "t"))).ToArray();
        Data("data", rows);
        Data("treesMetadata",
            new DataRow(["treeID", "metadata", "weights"], [1, "{}", 1.0], "t"),
            new DataRow(["treeID", "metadata", "weights"], [0, "{}", 1.0], "t"));
        var model = Assert.IsType<RandomForestClassificationModel>(Load());
        Assert.Equal(2, model.Trees.NumTrees);
        var p = new SparkModel(model, "test").Compile();
        var r = PipelineHarness.Score(p, ["rawPrediction"], PipelineHarness.Row(("f", SparkVector.Dense([1.0]))))[0];
        Assert.Equal([1.0, 1.0], r.Vector("rawPrediction").Values);   // tree 0 (threshold 1.5) left, tree 1 right
    }

    [Fact]
    public void GBTClassifier_21_HasOnlyThePrediction()
    {
        Write("metadata/part-00000", """{"class":"org.apache.spark.ml.classification.GBTClassificationModel","timestamp":1,"sparkVersion":"2.1.0","uid":"gbtc_1","paramMap":{"featuresCol":"features","predictionCol":"prediction"},"numFeatures":1,"numTrees":1}""");
        Data("data", Stump(0.5).Select(n => new DataRow(["treeID", "nodeData"], [0, n], "t")).ToArray());
        Data("treesMetadata", new DataRow(["treeID", "metadata", "weights"], [0, "{}", 1.0], "t"));
        var p = new SparkModel(Load(), "test").Compile();
        Assert.Equal(["prediction"], p.DefaultOutputs.Select(c => c.Name));
    }

    [Fact]
    public void EnsembleWithMismatchedTreeIds_IsRefusedWithStagePath()
    {
        Write("metadata/part-00000", """{"class":"org.apache.spark.ml.regression.RandomForestRegressionModel","timestamp":1,"sparkVersion":"3.3.0","uid":"rfr_1","paramMap":{},"defaultParamMap":{},"numFeatures":1,"numTrees":1}""");
        Data("data", Stump(0.5).Select(n => new DataRow(["treeID", "nodeData"], [0, n], "t")).ToArray());
        Data("treesMetadata", new DataRow(["treeID", "metadata", "weights"], [3, "{}", 1.0], "t"));
        var ex = Assert.Throws<ModelLoadException>(Load);
        Assert.Contains("treesMetadata", ex.Message);
    }

    [Fact]
    public void DecisionTreeWithBrokenNodes_IsRefusedNamingTheNode()
    {
        Write("metadata/part-00000", """{"class":"org.apache.spark.ml.regression.DecisionTreeRegressionModel","timestamp":1,"sparkVersion":"3.0.0","uid":"dtr_1","paramMap":{},"defaultParamMap":{},"numFeatures":1}""");
        Data("data", Node(0, 0.0, [], 1, 2, 4, [0.5], -1), Node(1, 0.0, [], -1, -1, -1, [], -1), Node(2, 0.0, [], -1, -1, -1, [], -1));
        var ex = Assert.Throws<ModelLoadException>(Load);
        Assert.Contains("node 0", ex.Message);
        Assert.Contains("feature 4", ex.Message);
    }

    [Fact]
    public void BisectingKMeans_ReadsTheOldApiModelDirectory()
    {
        Write("metadata/part-00000", """{"class":"org.apache.spark.ml.clustering.BisectingKMeansModel","timestamp":1,"sparkVersion":"3.0.0","uid":"bkm_1","paramMap":{},"defaultParamMap":{"featuresCol":"features","predictionCol":"prediction"}}""");
        Write("data/metadata/part-00000", """{"class":"org.apache.spark.mllib.clustering.BisectingKMeansModel","version":"3.0","rootId":-1,"distanceMeasure":"euclidean","trainingCost":1.0}""");
        static DataRow Vec(params double[] v) => new(["type", "size", "indices", "values"], [(sbyte)1, null, null, v.Cast<object?>().ToList()], "t");
        static DataRow N(int index, double[] center, params int[] children) =>
            new(["index", "size", "center", "norm", "cost", "height", "children"],
                [index, 1L, Vec(center), Math.Sqrt(center.Sum(c => c * c)), 0.0, 0.0, children.Cast<object?>().ToList()], "t");
        Data("data/data", N(-1, [1.0], 0, 1), N(0, [0.0]), N(1, [2.0]));
        var p = new SparkModel(Load(), "test").Compile();
        var r = PipelineHarness.Score(p, ["prediction"], PipelineHarness.Row(("features", SparkVector.Dense([1.8]))))[0];
        Assert.Equal(1L, r["prediction"]);
    }
}
