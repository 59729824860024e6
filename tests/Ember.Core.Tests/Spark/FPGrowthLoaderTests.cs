using Xunit;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Core.Tests.Pipeline;

namespace Ember.Core.Tests.Spark;

/// <summary>Loads an FPGrowthModel from metadata plus its frequent itemsets (items, freq).</summary>
public sealed class FPGrowthLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ember-fp-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, List<DataRow>> _data = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FakeReader(Dictionary<string, List<DataRow>> data) : IDataFileReader
    {
        public IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory) => data[directory];
    }

    private static DataRow Set(long freq, params object?[] items) => new(["items", "freq"], [items.ToList(), freq], "t");

    private StageDefinition Load(params DataRow[] rows)
    {
        Directory.CreateDirectory(Path.Combine(_root, "metadata"));
        File.WriteAllText(Path.Combine(_root, "metadata", "part-00000"),
            """{"class":"org.apache.spark.ml.fpm.FPGrowthModel","timestamp":1,"sparkVersion":"3.5.1","uid":"fp_1","paramMap":{"itemsCol":"basket","minConfidence":0.6},"defaultParamMap":{"itemsCol":"items","predictionCol":"prediction","minSupport":0.3,"minConfidence":0.8},"numTrainingRecords":5}""");
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        _data["data"] = rows.ToList();
        return new SparkModelLoader(SparkStageRegistry.CreateDefault(), new FakeReader(_data)).Load(_root).Root;
    }

    [Fact]
    public void FPGrowthModel_LoadsItemsetsAndParams_AndScores()
    {
        var fp = Assert.IsType<FPGrowthModel>(Load(Set(3, "a"), Set(2, "b"), Set(2, "b", "a")));
        Assert.Equal(0.6, fp.MinConfidence);
        var p = new SparkModel(fp, "test").Compile();
        var r = Ember.Core.Tests.Pipeline.PipelineHarness.Score(p, ["prediction"], Ember.Core.Tests.Pipeline.PipelineHarness.Row(("basket", new string?[] { "a" })));
        Assert.Equal("b", string.Join(",", (string?[])r[0]["prediction"]!));   // a ⇒ b: 2/3 ≥ 0.6
    }

    [Fact]
    public void FPGrowthModel_NonStringItems_IsALoadErrorNamingTheField()
    {
        var e = Assert.ThrowsAny<Exception>(() => Load(Set(3, 1), Set(2, 2)));
        Assert.Contains("items", e.Message);
    }
}
