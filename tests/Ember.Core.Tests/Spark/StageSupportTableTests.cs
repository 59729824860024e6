using Xunit;
using Ember.Spark;
using Ember.Testing;

namespace Ember.Core.Tests.Spark;

/// <summary>docs/stages.md is the registry rendered: this fails when they differ (EMBER_UPDATE_DOCS=1 rewrites the page).</summary>
public class StageSupportTableTests
{
    [Fact]
    public void StagesDoc_MatchesTheRegistry()
    {
        string expected = StageSupportTable.Render(SparkStageRegistry.CreateDefault());
        string path = Path.Combine(Corpus.RepositoryRoot, "docs", "stages.md");
        if (Environment.GetEnvironmentVariable("EMBER_UPDATE_DOCS") == "1")
            File.WriteAllText(path, expected);
        string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : "";
        Assert.True(expected == actual,
            "docs/stages.md is out of date with SparkStageRegistry.CreateDefault(). Refresh it with: "
            + "EMBER_UPDATE_DOCS=1 dotnet test tests/Ember.Core.Tests --filter StageSupportTableTests");
    }

    [Fact]
    public void StagesDoc_EveryRegisteredSparkClassIsListed()
    {
        var registry = SparkStageRegistry.CreateDefault();
        string table = StageSupportTable.Render(registry);
        foreach (string cls in registry.SupportedClasses.Concat(registry.UnsupportedClasses.Keys))
        {
            int dot = cls.LastIndexOf('.');
            Assert.Contains($"| {cls[(dot + 1)..]} | {cls[..dot]} |", table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StagesDoc_CustomRegistrationsAreNotListed()
    {
        var registry = SparkStageRegistry.CreateDefault();
        registry.RegisterCustom("__main__.Cleanser", s => throw new InvalidOperationException());
        Assert.DoesNotContain("Cleanser", StageSupportTable.Render(registry), StringComparison.Ordinal);
    }
}
