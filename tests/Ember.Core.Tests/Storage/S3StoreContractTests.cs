using Amazon.Runtime;
using Ember.Storage;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>The contract against a real moto_server, through the factory and AWS_ENDPOINT_URL.</summary>
/// <summary>The store contract over moto, with reads as signed REST requests (what serving uses with plain keys).</summary>
public class S3StoreContractTests(MotoFixture moto) : RemoteObjectStoreContract, IClassFixture<MotoFixture>
{
    /// <summary>False runs every call, reads included, through the SDK.</summary>
    protected virtual bool RestReads => true;

    private readonly string _bucket = "b" + Guid.NewGuid().ToString("N")[..24];

    private string StoreUri => $"s3://{_bucket}/models/prod";

    private string? Environment(string name) => moto.Environment.TryGetValue(name, out string? v) ? v : null;

    protected override async Task<IObjectStore> NewStoreAsync()
    {
        var store = ObjectStoreFactory.OpenS3(StoreUri, Environment, TestOptions, restReads: RestReads);
        Assert.Equal(RestReads, store.ReadsOverRest);
        await store.Client.PutBucketAsync(_bucket);
        return store;
    }

    protected override IObjectStore OpenSameRoot() => ObjectStoreFactory.OpenS3(StoreUri, Environment, TestOptions, restReads: RestReads);

    protected override IObjectStore OpenSameRootThrough(HttpMessageHandler handler, StoreOptions options) =>
        ObjectStoreFactory.OpenS3(StoreUri, Environment, options, config => config.HttpClientFactory = new HandlerClientFactory(handler),
            restReads: RestReads, restHandler: handler);

    protected override IObjectStore OpenUnreachable(StoreOptions options)
    {
        int closed = EmulatorProcess.FreePort();
        return ObjectStoreFactory.OpenS3(StoreUri,
            name => name == "AWS_ENDPOINT_URL_S3" ? $"http://127.0.0.1:{closed}" : Environment(name), options, restReads: RestReads);
    }

    protected override async Task<(IObjectStore, EmulatorProcess, IAsyncDisposable)> StartPrivateServiceAsync(StoreOptions options)
    {
        MotoFixture own = await MotoFixture.StartNewAsync();
        var store = ObjectStoreFactory.OpenS3("s3://private/root",
            name => own.Environment.TryGetValue(name, out string? v) ? v : null, options, restReads: RestReads);
        await store.Client.PutBucketAsync("private");
        return (store, own.Process, own);
    }

    [Fact]
    public async Task MissingBucket_IsMisconfigured_NamingTheBucket()
    {
        using IObjectStore store = ObjectStoreFactory.OpenS3("s3://no-such-bucket-here/x", Environment, TestOptions, restReads: RestReads);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("a", Bytes("x")));
        Assert.Equal(ObjectStoreErrorKind.Misconfigured, error.Kind);
        Assert.Contains("no-such-bucket-here", error.Message, StringComparison.Ordinal);
        foreach (Func<Task> read in new Func<Task>[] { () => store.GetAsync("a"), () => store.ListPageAsync("") })
        {
            error = await Assert.ThrowsAsync<ObjectStoreException>(read);
            Assert.Equal(ObjectStoreErrorKind.Misconfigured, error.Kind);
            Assert.Contains("no-such-bucket-here", error.Message, StringComparison.Ordinal);
        }
    }

    private sealed class HandlerClientFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}

/// <summary>The same contract with every call on the SDK (other credential sources, FIPS, S3 Express...).</summary>
public sealed class S3StoreSdkReadsContractTests(MotoFixture moto) : S3StoreContractTests(moto)
{
    protected override bool RestReads => false;
}
