namespace Ember.Functions.Lambda.Tests;

public sealed class LambdaSettingsTests
{
    private static LambdaSettings Read(params (string Name, string Value)[] values) =>
        LambdaSettings.Read(name => values.FirstOrDefault(v => v.Name == name).Value);

    [Theory]
    [InlineData("s3://ember-models/prod")]
    [InlineData("s3://ember-models")]
    [InlineData("/var/task/models")]
    [InlineData("file:///var/task/models")]
    [InlineData("https://acct.blob.core.windows.net/models")]
    public void SupportedModelStores_AreAccepted(string store) =>
        Assert.Equal(store, Read(("EMBER_MODEL_STORE", store)).ModelStore);

    [Theory]
    [InlineData("s3://", "is not an S3 bucket name")]
    [InlineData("s3://Bad_Bucket/x", "is not an S3 bucket name")]
    [InlineData("ftp://host/x", "expected s3://bucket/prefix")]
    public void BadModelStore_IsAConfigurationErrorNamingTheSetting(string store, string said)
    {
        var ex = Assert.Throws<HostConfigurationException>(() => Read(("EMBER_MODEL_STORE", store)));
        Assert.Contains("EMBER_MODEL_STORE", ex.Message);
        Assert.Contains(said, ex.Message);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("on-demand", false)]
    [InlineData("provisioned-concurrency", true)]
    [InlineData("snap-start", true)]
    [InlineData("lambda-managed-instances", true)]
    public void Preload_RunsAlongsideTheFirstPoll_OnlyInAnOnDemandSandbox(string? initialization, bool warmFirst)
    {
        var settings = initialization is null
            ? Read(("EMBER_MODEL_STORE", "s3://ember-models"))
            : Read(("EMBER_MODEL_STORE", "s3://ember-models"), ("AWS_LAMBDA_INITIALIZATION_TYPE", initialization));
        Assert.Equal(warmFirst, settings.WarmBeforeFirstEvent);
    }

    [Fact]
    public void MissingModelStore_IsAConfigurationError() =>
        Assert.Contains("EMBER_MODEL_STORE is not set", Assert.Throws<HostConfigurationException>(() => Read()).Message);

    [Theory]
    [InlineData("lots")]
    [InlineData("0")]
    [InlineData("-5")]
    public void BadNumber_IsAConfigurationErrorNamingTheSetting(string value)
    {
        var ex = Assert.Throws<HostConfigurationException>(() => Read(("EMBER_MODEL_STORE", "s3://ember-models"), ("EMBER_CACHE_MB", value)));
        Assert.Contains("EMBER_CACHE_MB", ex.Message);
    }

    [Fact]
    public void Numbers_AreRead() =>
        Assert.Equal(512, Read(("EMBER_MODEL_STORE", "s3://ember-models"), ("EMBER_CACHE_MB", "512")).Numbers["EMBER_CACHE_MB"]);
}
