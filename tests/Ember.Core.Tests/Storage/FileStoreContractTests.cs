using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

public sealed class FileStoreContractTests : ObjectStoreContract
{
    private readonly string _root = Directory.CreateTempSubdirectory("ember-filestore-").FullName;

    protected override Task<IObjectStore> NewStoreAsync() =>
        Task.FromResult(ObjectStoreFactory.FromUri(_root, _ => null));

    protected override IObjectStore OpenSameRoot() => ObjectStoreFactory.FromUri(new Uri(_root).AbsoluteUri, _ => null);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Get_FileTruncatedWhileBeingRead_IsCorrupt()
    {
        await Store.PutAsync("m/data.parquet", RandomBytes(200_000, 5));
        await using ObjectReadResult read = await Store.GetAsync("m/data.parquet");
        await using (var file = new FileStream(Path.Combine(_root, "m", "data.parquet"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            file.SetLength(1000);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => ReadAllAsync(read));
        Assert.Equal(ObjectStoreErrorKind.Corrupt, error.Kind);
        Assert.Contains("m/data.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalFolder_IsNeitherListedNorWritable()
    {
        await using (IObjectUpload upload = await Store.StartUploadAsync("x/y"))
            await upload.WritePartAsync(Bytes("pending"));
        await Store.PutAsync("x/z", Bytes("z"));
        Assert.Equal(["x/z"], await KeysAsync(""));
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.PutAsync(".ember/lock", Bytes("x")));
        Assert.Equal(ObjectStoreErrorKind.InvalidKey, error.Kind);
    }
}
