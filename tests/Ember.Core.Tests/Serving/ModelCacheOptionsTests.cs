using Ember.Configuration;
using Ember.Serving;
using Xunit;

namespace Ember.Core.Tests.Serving;

public sealed class ModelCacheOptionsTests
{
    [Fact]
    public void FromEnvironment_ReadsBudgetRefreshPreloadAndTimeout()
    {
        var env = new Dictionary<string, string>
        {
            [EmberSettings.CacheMegabytes] = "64",
            [EmberSettings.AliasRefreshSeconds] = "0.5",
            [EmberSettings.Preload] = "iris, churn@canary,,",
            [EmberSettings.ModelLoadTimeoutSeconds] = "10",
        };
        var options = ModelCacheOptions.FromEnvironment(n => env.GetValueOrDefault(n));
        Assert.Equal(64L << 20, options.CacheBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.AliasRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.LoadTimeout);
        Assert.Equal([new ModelRequest("iris"), new ModelRequest("churn", Alias: "canary")], options.Preload);
    }

    [Fact]
    public void FromEnvironment_Defaults()
    {
        var options = ModelCacheOptions.FromEnvironment(_ => null);
        Assert.Equal(512L << 20, options.CacheBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AliasRefreshInterval);
        Assert.Empty(options.Preload);
    }

    [Theory]
    [InlineData(EmberSettings.CacheMegabytes, "lots")]
    [InlineData(EmberSettings.CacheMegabytes, "0")]
    [InlineData(EmberSettings.AliasRefreshSeconds, "-1")]
    [InlineData(EmberSettings.Preload, "iris@")]
    public void FromEnvironment_BadValue_NamesTheSetting(string name, string value)
    {
        var error = Assert.Throws<FormatException>(() => ModelCacheOptions.FromEnvironment(n => n == name ? value : null));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreLocation_ExplicitThenEnvironmentThenRepositorySamples()
    {
        Assert.Equal("s3://b/p", ModelStoreLocation.Resolve("s3://b/p", _ => "/env", "/tmp"));
        Assert.Equal("/env", ModelStoreLocation.Resolve(null, n => n == EmberSettings.ModelStore ? "/env" : null, "/tmp"));
        string repo = Ember.Testing.Corpus.RepositoryRoot;
        Assert.Equal(Path.Combine(repo, "samples", "models"), ModelStoreLocation.Resolve(null, _ => null, Path.Combine(repo, "src", "Core")));
        string outside = Directory.CreateTempSubdirectory("ember-noreso-").FullName;
        Assert.Equal(Path.Combine(outside, "samples", "models"), ModelStoreLocation.Resolve(null, _ => null, outside));
        Directory.Delete(outside);
    }
}
