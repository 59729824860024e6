using Ember.Configuration;
using Ember.Storage;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Serving;

/// <summary>The cache contract over a local directory.</summary>
public sealed class FileStoreModelCacheTests : ModelCacheContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ember-cache-file-").FullName;

    protected override Task<IObjectStore> NewStoreAsync() => Task.FromResult(ObjectStoreFactory.FromUri(_root, _ => null));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>The cache contract over a real Azurite (Blob REST, Shared Key), started on a free loopback port.</summary>
public sealed class BlobStoreModelCacheTests(AzuriteFixture azurite) : ModelCacheContract, IClassFixture<AzuriteFixture>
{
    protected override async Task<IObjectStore> NewStoreAsync()
    {
        string uri = $"{azurite.BlobEndpoint}/c{Guid.NewGuid():N}/models";
        var store = (BlobStore)ObjectStoreFactory.FromUri(uri, name => name == EmberSettings.BlobConnection ? azurite.ConnectionString : null, FastRetries);
        await store.CreateContainerIfMissingAsync();
        return store;
    }
}

/// <summary>The cache contract over a real moto_server (S3), started on a free loopback port.</summary>
public sealed class S3StoreModelCacheTests(MotoFixture moto) : ModelCacheContract, IClassFixture<MotoFixture>
{
    protected override async Task<IObjectStore> NewStoreAsync()
    {
        string bucket = "b" + Guid.NewGuid().ToString("N")[..24];
        var store = (S3Store)ObjectStoreFactory.FromUri($"s3://{bucket}/models",
            name => moto.Environment.TryGetValue(name, out string? v) ? v : null, FastRetries);
        await store.Client.PutBucketAsync(bucket);
        return store;
    }
}
