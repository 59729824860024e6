using Xunit;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Core.Tests.Pipeline.Stages;

/// <summary>
/// A PySpark pipeline holding a team's own Transformer (`__main__.Cleanser`, saved by
/// DefaultParamsWritable: metadata only) followed by a Tokenizer, written into a temp directory.
/// </summary>
public sealed class CustomStageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ember-custom-" + Guid.NewGuid().ToString("N"));

    public CustomStageTests()
    {
        Write("", """{"class":"pyspark.ml.pipeline.PipelineModel","timestamp":1,"sparkVersion":"3.5.0","uid":"PipelineModel_1","paramMap":{"stageUids":["Cleanser_7a","Tokenizer_8b"],"language":"Python"},"defaultParamMap":{}}""");
        Write("stages/0_Cleanser_7a", """{"class":"__main__.Cleanser","timestamp":1,"sparkVersion":"3.5.0","uid":"Cleanser_7a","paramMap":{"inputCol":"text","outputCol":"clean","maxLength":12},"defaultParamMap":{}}""");
        Write("stages/1_Tokenizer_8b", """{"class":"org.apache.spark.ml.feature.Tokenizer","timestamp":1,"sparkVersion":"3.5.0","uid":"Tokenizer_8b","paramMap":{"inputCol":"clean","outputCol":"words"},"defaultParamMap":{}}""");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private void Write(string stage, string json)
    {
        string dir = Path.Combine(_dir, stage, "metadata");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "part-00000"), json);
    }

    /// <summary>The registration docs/custom-stages.md shows: trim, collapse spaces, cut at maxLength.</summary>
    private static SparkStageRegistry RegistryWithCleanser()
    {
        var registry = SparkStageRegistry.CreateDefault();
        registry.RegisterCustom("__main__.Cleanser", saved =>
        {
            int maxLength = saved.Params.Int("maxLength", 100);
            return CustomStage.RowWise(saved.Info,
                inputs: [new CustomColumn(saved.Params.RequiredString("inputCol"), SparkType.String)],
                outputs: [new CustomColumn(saved.Params.RequiredString("outputCol"), SparkType.String)],
                transform: (ref CustomRow row) =>
                {
                    string? text = row.GetString(0);
                    if (text is null)
                    {
                        row.Fail(0, "text is null");
                        return;
                    }
                    string clean = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    row.SetString(0, clean.Length > maxLength ? clean[..maxLength] : clean);
                });
        });
        return registry;
    }

    [Fact]
    public void CustomStage_RegisteredCleanser_FeedsTheNextSparkStage()
    {
        var model = new SparkModelLoader(RegistryWithCleanser(), SparkParquetDataReader.Instance).Load(_dir);
        var pipeline = model.Compile();
        var results = PipelineHarness.Score(pipeline, ["clean", "words"],
            PipelineHarness.Row(("text", "  Hello   Big  World  again ")),
            PipelineHarness.Row(("text", null)));
        Assert.Equal("Hello Big Wo", results[0]["clean"]);
        Assert.Equal(new string?[] { "hello", "big", "wo" }, (string?[])results[0]["words"]!);
        Assert.Equal(RowState.Failed, results[1].State);
        Assert.Equal("text", results[1].Error!.Column);
        Assert.Contains("Cleanser", results[1].Error!.Stage, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomStage_Unregistered_LoadErrorNamesClassAndDocs()
    {
        var ex = Assert.Throws<ModelLoadException>(() => SparkModelLoader.CreateDefault().Load(_dir));
        Assert.Equal("__main__.Cleanser", ex.UnsupportedClass);
        Assert.Contains("__main__.Cleanser", ex.Message, StringComparison.Ordinal);
        Assert.Contains("docs/custom-stages.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RegisterCustom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterCustom_BuiltInClass_IsRefused()
    {
        var registry = SparkStageRegistry.CreateDefault();
        Assert.Throws<ArgumentException>(() => registry.RegisterCustom("org.apache.spark.ml.feature.Tokenizer", s => throw new InvalidOperationException()));
    }

    [Fact]
    public void CustomStage_TransformThatThrows_FailsOnlyThatRow()
    {
        var stage = CustomStage.RowWise(PipelineHarness.Info("Parse", "3.5.0"), [new CustomColumn("s", SparkType.String)], [new CustomColumn("n", SparkType.Long)],
            (ref CustomRow row) => row.SetLong(0, long.Parse(row.GetString(0)!, System.Globalization.CultureInfo.InvariantCulture)));
        var results = PipelineHarness.Score(PipelineHarness.Compile(null, stage), ["n"], PipelineHarness.Row(("s", "42")), PipelineHarness.Row(("s", "x")));
        Assert.Equal(42L, results[0]["n"]);
        Assert.Equal(RowState.Failed, results[1].State);
        Assert.Contains("FormatException", results[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomStage_DoubleInput_AcceptsIntegralColumnsByCast()
    {
        var stage = CustomStage.RowWise(PipelineHarness.Info("Half", "3.5.0"), [new CustomColumn("x", SparkType.Double)], [new CustomColumn("half", SparkType.Double)],
            (ref CustomRow row) => row.SetDouble(0, row.GetDouble(0) / 2));
        var pipeline = PipelineHarness.Compile(new Dictionary<string, SparkType> { ["x"] = SparkType.Int }, stage);
        Assert.Equal(3.5, PipelineHarness.Score(pipeline, ["half"], PipelineHarness.Row(("x", 7)))[0]["half"]);
    }
}
