using System.Text.Json;
using Ember.Bundles;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Bundles;

[Trait(Corpus.Trait, "zoo")]
public sealed class ZooBundleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-zoo-bundle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<JsonElement> IrisRows(int count) =>
        File.ReadLines(Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-lr-iris-s210", "data", "Iris.csv")).Skip(1).Take(count)
            .Select(line => line.Split(','))
            .Select(c => TestModels.Json($$"""{"Sepal_Length": {{c[0]}}, "Sepal_Width": {{c[1]}}, "Petal_Length": {{c[2]}}, "Petal_Width": {{c[3]}}}"""))
            .ToList();

    [Fact]
    public void PackedZooPipeline_RecordsSparkOutputs_AndReloadsWithEveryExampleReproducing()
    {
        string model = Path.Combine(Corpus.Zoo, "jpmml-lr-iris-s210", "model");
        string bundle = Path.Combine(_dir, "iris.zip");
        var manifest = new BundleWriter().Pack(model, new PackOptions("iris", "1", Examples: IrisRows(5),
            Training: TestModels.Json("""{"dataset": "Iris.csv", "owner": "ml-team"}""")), bundle);

        Assert.Equal("2.1.0", manifest.SparkVersion);
        Assert.Equal(5, manifest.Examples.Count);
        Assert.Contains(manifest.InputSchema, c => c.Name == "Petal_Width" && c.Type == "double");
        // The first Iris row is a setosa with probability 0.999999999999992 as Spark printed it.
        string first = manifest.Examples[0].Output.GetRawText();
        Assert.Contains("0.999999999999992", first, StringComparison.Ordinal);

        var loaded = BundleLoader.Default.Load(bundle);
        Assert.Equal(manifest.Files.Count, loaded.Manifest!.Files.Count);
        Assert.Equal("ml-team", loaded.Manifest.Training!.Value.GetProperty("owner").GetString());
    }
}
