using Xunit;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Core.Tests.Spark;

/// <summary>Params-only stages and refusals of this wave's loaders, from metadata JSON in a temp directory.</summary>
public sealed class MoreStageLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ember-more-loaders-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private StageDefinition Load(string cls, string paramMap, string version = "3.5.0")
    {
        Directory.CreateDirectory(Path.Combine(_dir, "metadata"));
        File.WriteAllText(Path.Combine(_dir, "metadata", "part-00000"),
            $$$"""{"class":"{{{cls}}}","timestamp":1,"sparkVersion":"{{{version}}}","uid":"s_1","paramMap":{{{paramMap}}},"defaultParamMap":{}}""");
        return SparkModelLoader.CreateDefault().Load(_dir).Root;
    }

    [Fact]
    public void DCT_ParamsOnly_Loads()
    {
        var dct = Assert.IsType<DCT>(Load("org.apache.spark.ml.feature.DCT", """{"inputCol":"x","outputCol":"y","inverse":true}"""));
        Assert.True(dct.Inverse);
        Assert.Equal("y", dct.OutputCol);
    }

    [Theory]
    [InlineData("org.apache.spark.ml.clustering.LocalLDAModel", "variational inference")]
    [InlineData("org.apache.spark.ml.clustering.DistributedLDAModel", "variational inference")]
    public void UnsupportedModels_FailWithTheirReason(string cls, string reason)
    {
        var ex = Assert.Throws<ModelLoadException>(() => Load(cls, "{}"));
        Assert.Equal(cls, ex.UnsupportedClass);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneVsRest_MissingSubModelFolder_NamesIt()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "metadata"));
        File.WriteAllText(Path.Combine(_dir, "metadata", "part-00000"),
            """{"class":"org.apache.spark.ml.classification.OneVsRestModel","timestamp":1,"sparkVersion":"3.5.0","uid":"ovr_1","paramMap":{},"defaultParamMap":{},"labelMetadata":"{}","numClasses":2}""");
        var ex = Assert.Throws<ModelLoadException>(() => SparkModelLoader.CreateDefault().Load(_dir));
        Assert.Contains("model_0/", ex.Message, StringComparison.Ordinal);
    }
}
