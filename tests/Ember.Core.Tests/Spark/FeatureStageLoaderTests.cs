using Xunit;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Core.Tests.Spark;

/// <summary>Loads params-only feature stages from metadata JSON written into a temp directory.</summary>
public sealed class FeatureStageLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ember-feature-loaders-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private StageDefinition Load(string json)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "metadata"));
        File.WriteAllText(Path.Combine(_dir, "metadata", "part-00000"), json);
        return new SparkModelLoader(SparkStageRegistry.CreateDefault(), new NoData()).Load(_dir).Root;
    }

    private static string Meta(string cls, string version, string paramMap, string defaults = "{}") =>
        $$"""{"class":"org.apache.spark.ml.feature.{{cls}}","timestamp":1,"sparkVersion":"{{version}}","uid":"{{cls}}_1","paramMap":{{paramMap}},"defaultParamMap":{{defaults}}}""";

    [Fact]
    public void Bucketizer_SingleColumnSplits_Loads()
    {
        var b = Assert.IsType<Bucketizer>(Load(Meta("Bucketizer", "2.4.0",
            """{"splits":[0.0,100.0,200.0],"outputCol":"db","inputCol":"d"}""", """{"handleInvalid":"error"}""")));
        Assert.Equal(["d"], b.InputCols);
        Assert.Equal(["db"], b.OutputCols);
        Assert.Equal([0.0, 100.0, 200.0], b.SplitsArray[0]);
    }

    [Fact]
    public void Bucketizer_SplitsArrayWithInfinities_Loads()
    {
        var b = Assert.IsType<Bucketizer>(Load(Meta("Bucketizer", "2.4.0",
            """{"inputCols":["h","w"],"splitsArray":[["-Inf",67.0,"Inf"],["-Inf",1990.0,"Inf"]],"handleInvalid":"skip","outputCols":["hq","wq"]}""")));
        Assert.Equal(double.NegativeInfinity, b.SplitsArray[1][0]);
        Assert.Equal(double.PositiveInfinity, b.SplitsArray[0][2]);
        Assert.Equal("skip", b.HandleInvalid);
    }

    [Fact]
    public void Binarizer_SingleAndMultiColumn_Load()
    {
        var single = Assert.IsType<Binarizer>(Load(Meta("Binarizer", "4.1.0",
            """{"inputCol":"Hours","outputCol":"bh","threshold":35.0}""", """{"threshold":0.0}""")));
        Assert.Equal([35.0], single.Thresholds);
        Dispose();
        var multi = Assert.IsType<Binarizer>(Load(Meta("Binarizer", "3.0.0",
            """{"inputCols":["a","b"],"outputCols":["x","y"],"threshold":2.0}""")));
        Assert.Equal([2.0, 2.0], multi.Thresholds);
    }

    [Fact]
    public void IndexToString_LabelsParam_Loads()
    {
        var s = Assert.IsType<IndexToString>(Load(Meta("IndexToString", "2.1.0",
            """{"outputCol":"speciesValue","labels":["versicolor","virginica","setosa"],"inputCol":"prediction"}""", "null")));
        Assert.Equal(["versicolor", "virginica", "setosa"], s.Labels!);
        Assert.Equal("prediction", s.InputCol);
    }

    [Fact]
    public void VectorSizeHint_Loads()
    {
        var h = Assert.IsType<VectorSizeHint>(Load(Meta("VectorSizeHint", "2.4.0", """{"size":13,"inputCol":"v"}""", """{"handleInvalid":"error"}""")));
        Assert.Equal(13, h.Size);
        Assert.Equal("error", h.HandleInvalid);
    }

    [Fact]
    public void VectorSizeHint_WithoutSize_FailsNamingParam()
    {
        var ex = Assert.Throws<ModelLoadException>(() => Load(Meta("VectorSizeHint", "2.4.0", """{"inputCol":"v"}""")));
        Assert.Contains("size", ex.Message);
    }

    [Fact]
    public void Interaction_Loads()
    {
        var i = Assert.IsType<Interaction>(Load(Meta("Interaction", "2.4.0",
            """{"outputCol":"a:b","inputCols":["a","b"]}""", """{"outputCol":"interaction_1__output"}""")));
        Assert.Equal(["a", "b"], i.InputCols);
        Assert.Equal("a:b", i.OutputCol);
    }

    [Fact]
    public void OneHotEncoder2x_LoadsAsTransformer()
    {
        var o = Assert.IsType<OneHotEncoder>(Load(Meta("OneHotEncoder", "2.4.0",
            """{"inputCol":"originIndex","outputCol":"ov","dropLast":false}""", """{"dropLast":true}""")));
        Assert.False(o.DropLast);
    }

    [Fact]
    public void OneHotEncoder3x_RefusedAsUnfittedEstimator()
    {
        var ex = Assert.Throws<ModelLoadException>(() => Load(Meta("OneHotEncoder", "3.0.1", """{"inputCol":"a","outputCol":"b"}""")));
        Assert.Contains("OneHotEncoderModel", ex.Message);
    }

    [Fact]
    public void StringIndexerEstimator_RefusedWithReason()
    {
        var ex = Assert.Throws<ModelLoadException>(() => Load(Meta("StringIndexer", "3.0.1", """{"inputCol":"a","outputCol":"b"}""")));
        Assert.Contains("estimator", ex.Message);
    }

    private sealed class NoData : IDataFileReader
    {
        public IReadOnlyList<DataRow> ReadRows(IModelFileSystem files, string directory) =>
            throw new InvalidDataException("params-only stages read no data");
    }
}
