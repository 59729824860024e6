using System.Text.Json;
using Ember.Bundles;
using Ember.Cli.Commands;
using Ember.Monitoring;
using Ember.Testing;
using Xunit;

namespace Ember.Cli.Tests.Commands;

/// <summary>`ember pack --baseline`: the training sample's profile lands in ember.json, problems are printed.</summary>
public sealed class PackBaselineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-pack-baseline-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string IrisModel => Path.Combine(Corpus.RepositoryRoot, "samples", "models", "iris", "1", "model");

    [Fact]
    public void Pack_WithCsvBaseline_StoresTheProfile_AndPrintsRowsLeftOut()
    {
        string sample = Path.Combine(_dir, "train.csv");
        File.WriteAllText(sample, """
            sepal_length,sepal_width,petal_length,petal_width
            5.1,3.5,1.4,0.2
            6.0,2.7,4.5,1.5
            6.7,3.1,5.6,2.4
            five,3.0,5.1,1.8
            5.9,3.0,5.1,1.8
            """);
        string bundle = Path.Combine(_dir, "bundle");

        int exit = PackCommand.Run(IrisModel, new PackCommand.Arguments("iris", "7", bundle, Baseline: sample), _out, _err);

        Assert.True(exit == 0, _err.ToString());
        Assert.Contains("baseline: 4 rows", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 left out", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("sepal_length", _err.ToString(), StringComparison.Ordinal); // the refused row's column is named
        var manifest = BundleLoader.Default.Load(bundle).Manifest!;
        var baseline = BaselineCodec.FromManifest(manifest.Baseline)!;
        Assert.Equal(4, baseline.Rows);
        Assert.Equal(1, baseline.RejectedRows);
        Assert.Contains(baseline.Inputs, c => c.Name == "petal_length");
        Assert.Contains(baseline.Outputs, c => c.Name == "prediction");
    }

    [Fact]
    public void Pack_WithoutBaseline_HasNoBaselineField()
    {
        string bundle = Path.Combine(_dir, "plain");
        Assert.Equal(0, PackCommand.Run(IrisModel, new PackCommand.Arguments("iris", "7", bundle), _out, _err));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(bundle, BundleManifest.FileName)));
        Assert.False(json.RootElement.TryGetProperty("baseline", out _));
        Assert.DoesNotContain("baseline:", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_BaselineFileMissing_FailsNamingTheFile_AndWritesNoBundle()
    {
        string missing = Path.Combine(_dir, "nope.csv");
        string bundle = Path.Combine(_dir, "never");
        Assert.Equal(1, PackCommand.Run(IrisModel, new PackCommand.Arguments("iris", "7", bundle, Baseline: missing), _out, _err));
        Assert.Contains("nope.csv", _err.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(bundle));
    }
}
