using Xunit;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Core.Tests.Spark;

/// <summary>Params-only text stages loaded from metadata JSON written to a temp directory.</summary>
public sealed class TextStageLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ember-text-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private StageDefinition Load(string shortClass, string version, string paramMap, string defaultParamMap = "{}")
    {
        Directory.CreateDirectory(Path.Combine(_dir, "metadata"));
        File.WriteAllText(Path.Combine(_dir, "metadata", "part-00000"),
            $$"""{"class":"org.apache.spark.ml.feature.{{shortClass}}","timestamp":1,"sparkVersion":"{{version}}","uid":"{{shortClass}}_1","paramMap":{{paramMap}},"defaultParamMap":{{defaultParamMap}}}""");
        return SparkModelLoader.CreateDefault().LoadStage(new DirectoryModelFileSystem(_dir), "");
    }

    [Fact]
    public void Loader_Tokenizer_DefaultOutputColIsUidOutput()
    {
        var t = Assert.IsType<Tokenizer>(Load("Tokenizer", "3.5.0", """{"inputCol":"text"}"""));
        Assert.Equal("Tokenizer_1__output", t.OutputCol);
    }

    [Fact]
    public void Loader_RegexTokenizer_UntranslatablePatternIsALoadErrorNamingTheParam()
    {
        var ex = Assert.Throws<ModelLoadException>(() => Load("RegexTokenizer", "3.0.0", """{"inputCol":"t","pattern":"[a-z&&[^x]]"}"""));
        Assert.Contains("pattern", ex.Message);
        Assert.Contains("intersection", ex.Message);
    }

    [Fact]
    public void Loader_RegexTokenizer_Defaults()
    {
        var t = Assert.IsType<RegexTokenizer>(Load("RegexTokenizer", "2.1.0", """{"inputCol":"t","outputCol":"o"}"""));
        Assert.Equal(@"\s+", t.Pattern);
        Assert.True(t.Gaps);
        Assert.Equal(1, t.MinTokenLength);
        Assert.True(t.ToLowercase);
    }

    [Fact]
    public void Loader_StopWordsRemover21_UsesThatVersionsEnglishList()
    {
        var s = Assert.IsType<StopWordsRemover>(Load("StopWordsRemover", "2.1.1", """{"inputCol":"t","outputCol":"o"}"""));
        Assert.Equal(153, s.StopWords.Count);
        Assert.Equal("en_US", s.Locale);
    }

    [Fact]
    public void Loader_StopWordsRemover16WithoutList_IsRefusedNamingTheParam()
    {
        var ex = Assert.Throws<ModelLoadException>(() => Load("StopWordsRemover", "1.6.3", """{"inputCol":"t","outputCol":"o"}"""));
        Assert.Contains("stopWords", ex.Message);
    }

    [Fact]
    public void Loader_StopWordsRemover30_MultiColumnAndSavedLocale()
    {
        var s = Assert.IsType<StopWordsRemover>(Load("StopWordsRemover", "3.0.0",
            """{"inputCols":["a","b"],"outputCols":["x","y"],"stopWords":["q"]}""", """{"locale":"tr","caseSensitive":false}"""));
        Assert.Equal(["a", "b"], s.InputCols);
        Assert.Equal("tr", s.Locale);
    }

    [Theory]
    [InlineData("2.4.8", "Murmur3Legacy")]
    [InlineData("3.0.0", "Murmur3")]
    [InlineData("1.6.0", "JavaHashCode")]
    public void Loader_HashingTF_HashChosenBySavingVersion(string version, string expected)
    {
        var h = Assert.IsType<HashingTF>(Load("HashingTF", version, """{"inputCol":"t","outputCol":"o"}"""));
        Assert.Equal(expected, h.Hash.ToString());
        Assert.Equal(262144, h.NumFeatures);
    }

    [Fact]
    public void Loader_FeatureHasher_ReadsCategoricalCols()
    {
        var f = Assert.IsType<FeatureHasher>(Load("FeatureHasher", "2.3.0", """{"inputCols":["a","b"],"categoricalCols":["b"],"numFeatures":32,"outputCol":"f"}"""));
        Assert.Equal(32, f.NumFeatures);
        Assert.Equal(["b"], f.CategoricalCols);
    }

    [Fact]
    public void Loader_NGram_DefaultNIsTwo() =>
        Assert.Equal(2, Assert.IsType<NGram>(Load("NGram", "3.0.0", """{"inputCol":"t","outputCol":"o"}""")).N);
}
