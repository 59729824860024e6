using System.IO.Compression;
using System.Text.Json;
using Ember.Bundles;
using Ember.Pipeline;
using Xunit;

namespace Ember.Core.Tests.Bundles;

public sealed class BundleLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-bundle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Packed(string name = "bin", string version = "1", double threshold = 0.5)
    {
        string output = Path.Combine(_dir, $"{name}-{version}");
        TestModels.PackBinarizer(_dir, output, name, version, threshold);
        return output;
    }

    [Fact]
    public void Pack_RecordsSchemaOutputsExamplesAndChecksums_AndLoads()
    {
        string bundle = Packed();
        var loaded = BundleLoader.Default.Load(bundle);

        var manifest = loaded.Manifest!;
        Assert.Equal(("bin", "1", "3.5.0"), (manifest.Name, manifest.Version, manifest.SparkVersion));
        Assert.Equal([new ManifestColumn("x", "double", true)], manifest.InputSchema);
        Assert.Equal(["y"], manifest.Outputs);
        Assert.Equal(2, manifest.Examples.Count);
        Assert.Equal("""{"y":0.0}""", JsonSerializer.Serialize(manifest.Examples[0].Output));
        Assert.Equal("""{"y":1.0}""", JsonSerializer.Serialize(manifest.Examples[1].Output));
        // _SUCCESS and .crc are bookkeeping: neither packed nor listed.
        var file = Assert.Single(manifest.Files);
        Assert.Equal("model/metadata/part-00000", file.Path);
        Assert.Equal(BundleLoader.Sha256(File.ReadAllBytes(Path.Combine(bundle, "model", "metadata", "part-00000"))), file.Sha256);
        Assert.False(File.Exists(Path.Combine(bundle, "model", "metadata", "_SUCCESS")));
    }

    [Fact]
    public void Load_ChangedFile_IsRefused_NamingTheFile()
    {
        string bundle = Packed();
        File.AppendAllText(Path.Combine(bundle, "model", "metadata", "part-00000"), " ");

        var error = Assert.Throws<BundleException>(() => BundleLoader.Default.Load(bundle));
        Assert.Equal(BundleErrorCode.ChecksumMismatch, error.Code);
        Assert.Contains("'model/metadata/part-00000' has changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AddedFile_IsRefused_NamingTheFile()
    {
        string bundle = Packed();
        Directory.CreateDirectory(Path.Combine(bundle, "model", "data"));
        File.WriteAllText(Path.Combine(bundle, "model", "data", "part-00001.parquet"), "x");

        var error = Assert.Throws<BundleException>(() => BundleLoader.Default.Load(bundle));
        Assert.Equal(BundleErrorCode.UnlistedFile, error.Code);
        Assert.Contains("model/data/part-00001.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsRefused_NamingTheFile()
    {
        string bundle = Packed();
        File.Delete(Path.Combine(bundle, "model", "metadata", "part-00000"));

        var error = Assert.Throws<BundleException>(() => BundleLoader.Default.Load(bundle));
        Assert.Equal(BundleErrorCode.MissingFile, error.Code);
        Assert.Contains("model/metadata/part-00000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExampleThatDoesNotReproduce_IsRefused_NamingExampleAndColumn()
    {
        string bundle = Packed();
        TestModels.EditManifest(bundle, json => json.Replace("\"y\": 1.0", "\"y\": 0.5", StringComparison.Ordinal));

        var error = Assert.Throws<BundleException>(() => BundleLoader.Default.Load(bundle));
        Assert.Equal(BundleErrorCode.ExampleMismatch, error.Code);
        Assert.Contains("example 2 of 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'y' should be 0.5 but the model gives 1.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BareSparkDirectory_LoadsWithDerivedSchemaAndNoManifest()
    {
        string model = TestModels.WriteBinarizer(Path.Combine(_dir, "bare"), 0.5);
        var loaded = BundleLoader.Default.Load(model);
        Assert.Null(loaded.Manifest);
        Assert.Equal("x", Assert.Single(loaded.Pipeline.Inputs).Name);
    }

    [Fact]
    public void Load_ZipWithWrapperFolder_LoadsAndChecks()
    {
        string bundle = Packed();
        string zip = Path.Combine(_dir, "wrapped.zip");
        ZipFile.CreateFromDirectory(bundle, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
        Assert.Equal("1", BundleLoader.Default.Load(zip).Manifest!.Version);
    }

    [Fact]
    public void Pack_ToZip_LoadsBack()
    {
        string model = TestModels.WriteBinarizer(Path.Combine(_dir, "m"), 0.5);
        string zip = Path.Combine(_dir, "out", "bin-1.zip");
        new BundleWriter().Pack(model, new PackOptions("bin", "1"), zip);
        Assert.Equal(["y"], BundleLoader.Default.Load(zip).Manifest!.Outputs);
    }

    [Fact]
    public void Pack_GivenExpectationThatDoesNotHold_IsRefused_AndWritesNothing()
    {
        string model = TestModels.WriteBinarizer(Path.Combine(_dir, "m"), 0.5);
        string output = Path.Combine(_dir, "never");
        var error = Assert.Throws<BundleException>(() => new BundleWriter().Pack(model,
            new PackOptions("bin", "1", Examples: [TestModels.Json("""{"input": {"x": 0.9}, "output": {"y": 0.0}}""")]), output));
        Assert.Equal(BundleErrorCode.ExampleMismatch, error.Code);
        Assert.Contains("example 1", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Pack_GivenExpectationThatHolds_IsKept()
    {
        string model = TestModels.WriteBinarizer(Path.Combine(_dir, "m"), 0.5);
        var manifest = new BundleWriter().Pack(model,
            new PackOptions("bin", "1", Examples: [TestModels.Json("""{"input": {"x": 0.9}, "output": {"y": 1.0}}""")]), Path.Combine(_dir, "ok"));
        Assert.Equal("""{"y": 1.0}""", manifest.Examples[0].Output.GetRawText());
    }

    [Fact]
    public void Pack_ExampleWithWrongInputType_IsRefused_NamingColumn()
    {
        string model = TestModels.WriteBinarizer(Path.Combine(_dir, "m"), 0.5);
        var error = Assert.Throws<BundleException>(() => new BundleWriter().Pack(model,
            new PackOptions("bin", "1", Examples: [TestModels.Json("""{"x": "high"}""")]), Path.Combine(_dir, "bad")));
        Assert.Contains("input column 'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownBlas_IsRefused_NamingTheField()
    {
        string bundle = Packed();
        TestModels.EditManifest(bundle, json => json.Replace("\"name\": \"bin\"", "\"name\": \"bin\", \"blas\": \"mkl\"", StringComparison.Ordinal));
        var error = Assert.Throws<BundleException>(() => BundleLoader.Default.Load(bundle));
        Assert.Equal(BundleErrorCode.InvalidManifest, error.Code);
        Assert.Contains("\"blas\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestWithoutFiles_IsRefused_NamingTheField()
    {
        string bundle = Packed();
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "ember.json")));
        string withoutFiles = "{" + string.Join(",", doc.RootElement.EnumerateObject().Where(p => p.Name != "files").Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}")) + "}";
        File.WriteAllText(Path.Combine(bundle, "ember.json"), withoutFiles);
        var error = Assert.Throws<BundleException>(() => BundleLoader.Default.Load(bundle));
        Assert.Contains("\"files\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlasOverride_ChangesTheFlavorStagesSee_OnlyWhileCompiling()
    {
        var v35 = new SparkVersion(3, 5, 0);
        using (BlasFlavors.Override(BlasFlavor.F2j))
        {
            Assert.Equal(BlasFlavor.F2j, BlasFlavors.For(v35));
            Assert.Equal(BlasFlavor.F2j, BlasFlavors.ForMatrix(v35));
        }
        using (BlasFlavors.Override(BlasFlavor.Java11))
        {
            Assert.Equal(BlasFlavor.Java8, BlasFlavors.For(v35)); // Java11BLAS keeps the plain ddot
            Assert.Equal(BlasFlavor.Java11, BlasFlavors.ForMatrix(v35));
        }
        Assert.Equal(BlasFlavor.Java8, BlasFlavors.For(v35));
    }
}
