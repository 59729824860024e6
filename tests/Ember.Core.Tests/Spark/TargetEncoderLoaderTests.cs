using Xunit;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Core.Tests.Pipeline;

namespace Ember.Core.Tests.Spark;

/// <summary>Loads a Spark 4.0 TargetEncoderModel from metadata plus its per-column data rows (index, categories, counts, stats).</summary>
public sealed class TargetEncoderLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ember-te-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, List<DataRow>> _data = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FakeReader(Dictionary<string, List<DataRow>> data) : IDataFileReader
    {
        public IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory) => data[directory];
    }

    private StageDefinition Load(string metadata, params DataRow[] rows)
    {
        Directory.CreateDirectory(Path.Combine(_root, "metadata"));
        File.WriteAllText(Path.Combine(_root, "metadata", "part-00000"), metadata);
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        _data["data"] = rows.ToList();
        return new SparkModelLoader(SparkStageRegistry.CreateDefault(), new FakeReader(_data)).Load(_root).Root;
    }

    private static DataRow Stats(int index, double[] categories, double[] counts, double[] stats) =>
        new(["index", "categories", "counts", "stats"],
            [index, categories.Cast<object?>().ToList(), counts.Cast<object?>().ToList(), stats.Cast<object?>().ToList()], "t");

    [Fact]
    public void TargetEncoderModel_40_RowsOrderedByIndex_DefaultOutputNames_Score()
    {
        const double g = int.MaxValue;
        var model = Load(
            """{"class":"org.apache.spark.ml.feature.TargetEncoderModel","timestamp":1,"sparkVersion":"4.0.0","uid":"te_1","paramMap":{"inputCols":["a","b"],"handleInvalid":"keep","smoothing":0.0},"defaultParamMap":{"handleInvalid":"error","targetType":"binary","smoothing":0.0,"labelCol":"label"}}""",
            Stats(1, [3.0, g], [1.0, 4.0], [1.0, 2.0]),
            Stats(0, [0.0, g, -1.0], [2.0, 4.0, 2.0], [0.0, 2.0, 2.0]));
        var te = Assert.IsType<TargetEncoderModel>(model);
        Assert.Equal(["a_indexed", "b_indexed"], te.OutputCols);
        var p = new SparkModel(te, "test").Compile();
        var r = PipelineHarness.Score(p, ["a_indexed", "b_indexed"], PipelineHarness.Row(("a", 0.0), ("b", 3.0)), PipelineHarness.Row(("a", null), ("b", 5.0)))
            .Select(x => ((double)x["a_indexed"]!, (double)x["b_indexed"]!)).ToArray();
        Assert.Equal([(0.0, 1.0), (1.0, 0.5)], r);
    }

    [Fact]
    public void TargetEncoderModel_MismatchedArrayLengths_IsALoadErrorNamingTheField()
    {
        var e = Assert.ThrowsAny<Exception>(() => Load(
            """{"class":"org.apache.spark.ml.feature.TargetEncoderModel","timestamp":1,"sparkVersion":"4.0.0","uid":"te_1","paramMap":{"inputCol":"a","outputCol":"o"},"defaultParamMap":{}}""",
            Stats(0, [0.0, int.MaxValue], [1.0], [1.0, 1.0])));
        Assert.Contains("categories", e.Message);
    }
}
