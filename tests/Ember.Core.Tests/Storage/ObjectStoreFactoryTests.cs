using Ember.Configuration;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

public sealed class ObjectStoreFactoryTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static Func<string, string?> Env(params (string Name, string Value)[] settings) =>
        name => settings.FirstOrDefault(s => s.Name == name).Value;

    [Fact]
    public void LocalPathAndFileUri_OpenAFileStoreAtThatDirectory()
    {
        using IObjectStore plain = ObjectStoreFactory.FromUri("/tmp/ember-models", Env());
        using IObjectStore file = ObjectStoreFactory.FromUri("file:///tmp/ember-models", Env());
        Assert.IsType<FileStore>(plain);
        Assert.Equal("/tmp/ember-models", plain.Location);
        Assert.Equal("/tmp/ember-models", file.Location);
    }

    [Fact]
    public void S3Uri_IsRootedAtBucketAndPrefix_AndHonoursTheEndpointSetting()
    {
        using var store = (S3Store)ObjectStoreFactory.FromUri("s3://models-bucket/team/a/",
            Env((EmberSettings.AwsEndpointS3, "http://127.0.0.1:9999"), ("AWS_ACCESS_KEY_ID", "k"), ("AWS_SECRET_ACCESS_KEY", "s")));
        Assert.Equal("s3://models-bucket/team/a/", store.Location);
        Assert.True(((Amazon.S3.AmazonS3Config)store.Client.Config).ForcePathStyle);
        Assert.StartsWith("http://127.0.0.1:9999", store.Client.Config.ServiceURL, StringComparison.Ordinal);
        Assert.Equal(0, store.Client.Config.MaxErrorRetry);
    }

    [Fact]
    public void AzureBlobUrl_TakesAccountFromHost_AndUsesTheMatchingConnectionString()
    {
        using IObjectStore store = ObjectStoreFactory.FromUri("https://acct.blob.core.windows.net/models/prod",
            Env((EmberSettings.BlobConnection, $"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={AzuriteKey};EndpointSuffix=core.windows.net")));
        Assert.Equal("https://acct.blob.core.windows.net/models/prod/", store.Location);
    }

    [Fact]
    public void AzuritePathStyleUrl_WithDevelopmentStorage_TakesAccountFromThePath()
    {
        using IObjectStore store = ObjectStoreFactory.FromUri("http://127.0.0.1:10000/devstoreaccount1/models/a/b",
            Env((EmberSettings.AzureWebJobsStorage, "UseDevelopmentStorage=true")));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/models/a/b/", store.Location);
    }

    [Fact]
    public void BlobConnection_WinsOverAzureWebJobsStorage_AndAnotherAccountsConnectionIsSkipped()
    {
        using IObjectStore store = ObjectStoreFactory.FromUri("https://acct.blob.core.windows.net/models",
            Env((EmberSettings.BlobConnection, $"AccountName=other;AccountKey={AzuriteKey}"),
                (EmberSettings.AzureWebJobsStorage, $"AccountName=acct;AccountKey={AzuriteKey}")));
        Assert.IsType<BlobStore>(store);
    }

    [Fact]
    public void BlobUrl_WithoutAnyCredential_IsMisconfigured_AndSaysWhatToSet()
    {
        var error = Assert.Throws<ObjectStoreException>(() => ObjectStoreFactory.FromUri("https://acct.blob.core.windows.net/models",
            Env((EmberSettings.BlobConnection, $"AccountName=other;AccountKey={AzuriteKey}"))));
        Assert.Equal(ObjectStoreErrorKind.Misconfigured, error.Kind);
        Assert.Contains(EmberSettings.BlobConnection, error.Message, StringComparison.Ordinal);
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlobUrl_WithManagedIdentityEnvironment_OpensWithoutAConnectionString()
    {
        using IObjectStore store = ObjectStoreFactory.FromUri("https://acct.blob.core.windows.net/models",
            Env((EmberSettings.IdentityEndpoint, "http://127.0.0.1:41000/msi/token"), (EmberSettings.IdentityHeader, "secret")));
        Assert.IsType<BlobStore>(store);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gs://bucket/x")]
    [InlineData("s3:///nobucket")]
    [InlineData("https://acct.blob.core.windows.net/")]
    public void UnusableUri_IsMisconfigured(string uri)
    {
        var error = Assert.Throws<ObjectStoreException>(() => ObjectStoreFactory.FromUri(uri, Env((EmberSettings.AzureWebJobsStorage, "UseDevelopmentStorage=true"))));
        Assert.Equal(ObjectStoreErrorKind.Misconfigured, error.Kind);
    }

    [Fact]
    public void SasInTheUrl_IsNeverEchoedInErrors()
    {
        var error = Assert.Throws<ObjectStoreException>(() => ObjectStoreFactory.FromUri("https://acct.blob.core.windows.net/?sv=2025-05-05&sig=SECRET", Env()));
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionString_WithoutKeyOrSas_IsMisconfiguredNamingTheSetting()
    {
        var error = Assert.Throws<ObjectStoreException>(() => ObjectStoreFactory.FromUri("https://acct.blob.core.windows.net/models",
            Env((EmberSettings.BlobConnection, "AccountName=acct;EndpointSuffix=core.windows.net"))));
        Assert.Contains(EmberSettings.BlobConnection, error.Message, StringComparison.Ordinal);
    }
}
