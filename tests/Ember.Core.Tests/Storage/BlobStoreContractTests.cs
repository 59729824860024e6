using Ember.Configuration;
using Ember.Storage;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>The contract against a real Azurite, through the factory, Shared Key and path-style URLs.</summary>
public sealed class BlobStoreContractTests(AzuriteFixture azurite) : RemoteObjectStoreContract, IClassFixture<AzuriteFixture>
{
    private readonly string _container = "c" + Guid.NewGuid().ToString("N");

    private string StoreUri => $"{azurite.BlobEndpoint}/{_container}/models/prod";

    private string? Environment(string name) => name == EmberSettings.BlobConnection ? azurite.ConnectionString : null;

    protected override async Task<IObjectStore> NewStoreAsync()
    {
        var store = (BlobStore)ObjectStoreFactory.FromUri(StoreUri, Environment, TestOptions);
        await store.CreateContainerIfMissingAsync();
        return store;
    }

    protected override IObjectStore OpenSameRoot() => ObjectStoreFactory.FromUri(StoreUri, Environment, TestOptions);

    protected override IObjectStore OpenSameRootThrough(HttpMessageHandler handler, StoreOptions options) =>
        ObjectStoreFactory.OpenBlob(StoreUri, Environment, options, handler);

    protected override IObjectStore OpenUnreachable(StoreOptions options) =>
        ObjectStoreFactory.FromUri($"http://127.0.0.1:{EmulatorProcess.FreePort()}/devstoreaccount1/models/prod",
            name => name == EmberSettings.AzureWebJobsStorage ? "UseDevelopmentStorage=true" : null, options);

    protected override async Task<(IObjectStore, EmulatorProcess, IAsyncDisposable)> StartPrivateServiceAsync(StoreOptions options)
    {
        AzuriteFixture own = await AzuriteFixture.StartNewAsync();
        var store = (BlobStore)ObjectStoreFactory.FromUri($"{own.BlobEndpoint}/private/root",
            name => name == EmberSettings.BlobConnection ? own.ConnectionString : null, options);
        await store.CreateContainerIfMissingAsync();
        return (store, own.Process, own);
    }

    [Fact]
    public async Task MissingContainer_IsMisconfigured_NamingTheContainer()
    {
        using IObjectStore store = ObjectStoreFactory.FromUri($"{azurite.BlobEndpoint}/nosuchcontainer/x", Environment, TestOptions);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("a", Bytes("x")));
        Assert.Equal(ObjectStoreErrorKind.Misconfigured, error.Kind);
        Assert.Contains("nosuchcontainer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongAccountKey_IsAccessDenied()
    {
        string wrongKey = Convert.ToBase64String(new byte[64]);
        using IObjectStore store = ObjectStoreFactory.FromUri(StoreUri,
            name => name == EmberSettings.BlobConnection
                ? $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={wrongKey};BlobEndpoint={azurite.BlobEndpoint}"
                : null, TestOptions);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("a"));
        Assert.Equal(ObjectStoreErrorKind.AccessDenied, error.Kind);
        Assert.DoesNotContain(wrongKey, error.Message, StringComparison.Ordinal);
    }
}
