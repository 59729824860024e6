using System.IO.Compression;
using System.Text;
using Ember.Storage;
using Ember.Storage.Registry;
using Xunit;

namespace Ember.Core.Tests.Storage;

public abstract partial class ObjectStoreContract
{
    private ModelRepository Repository => new(Store);

    /// <summary>A small model folder shaped like a Spark save (the registry does not care).</summary>
    private static string ModelFolder(string marker)
    {
        string dir = Directory.CreateTempSubdirectory("ember-model-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "metadata"));
        Directory.CreateDirectory(Path.Combine(dir, "stages", "0_tok"));
        File.WriteAllText(Path.Combine(dir, "metadata", "part-00000"), "{\"class\":\"PipelineModel\",\"m\":\"" + marker + "\"}");
        File.WriteAllText(Path.Combine(dir, "metadata", "_SUCCESS"), "");
        File.WriteAllBytes(Path.Combine(dir, "stages", "0_tok", "data.parquet"), RandomBytes(70_000, marker.Length));
        return dir;
    }

    private async Task PushAsync(string model, params string[] versions)
    {
        foreach (string version in versions)
        {
            string dir = ModelFolder(model + version);
            try { await Repository.PushAsync(model, version, dir); }
            finally { Directory.Delete(dir, true); }
        }
    }

    [Fact]
    public async Task Push_Directory_ListsModelsAndNumericVersions_AndLatestIsHighest()
    {
        await PushAsync("iris", "2", "10", "9");
        await PushAsync("churn", "2024-01-05");

        Assert.Equal(["churn", "iris"], await Repository.ListModelsAsync());
        Assert.Equal(["2", "9", "10"], await Repository.ListVersionsAsync("iris"));
        Assert.Equal("10", await Repository.ResolveAsync("iris", ModelRepository.Latest));
        Assert.Equal("9", await Repository.ResolveAsync("iris", "9"));
        Assert.Equal("{\"class\":\"PipelineModel\",\"m\":\"iris10\"}",
            Encoding.UTF8.GetString((await GetBytesAsync("iris/10/metadata/part-00000"))!));
        Assert.Contains("iris/10/_ember_push.json", await KeysAsync("iris/10/"));
        Assert.DoesNotContain("iris/10/_ember_pushing", await KeysAsync("iris/10/"));
    }

    [Fact]
    public async Task Push_ExistingVersion_IsRefused_AndTheStoredVersionIsUntouched()
    {
        await PushAsync("iris", "3");
        byte[] before = (await GetBytesAsync("iris/3/metadata/part-00000"))!;
        string dir = ModelFolder("other");
        try
        {
            var error = await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.PushAsync("iris", "3", dir));
            Assert.Equal(ModelRegistryErrorCode.VersionExists, error.Code);
            Assert.Contains("'3'", error.Message, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, true); }
        Assert.Equal(before, await GetBytesAsync("iris/3/metadata/part-00000"));
    }

    [Fact]
    public async Task Push_SameVersionConcurrently_ExactlyOnePushWins()
    {
        var dirs = Enumerable.Range(0, 4).Select(i => ModelFolder("racer" + i)).ToList();
        try
        {
            var results = await Task.WhenAll(dirs.Select(dir => Task.Run(async () =>
            {
                using IObjectStore own = OpenSameRoot();
                try { await new ModelRepository(own).PushAsync("iris", "1", dir); return true; }
                catch (ModelRegistryException e) when (e.Code == ModelRegistryErrorCode.VersionExists) { return false; }
            })));
            Assert.Single(results, won => won);
        }
        finally { dirs.ForEach(d => Directory.Delete(d, true)); }
        Assert.Equal(["1"], await Repository.ListVersionsAsync("iris"));
        Assert.Equal(5, (await KeysAsync("iris/1/")).Count); // 3 files, their pack and the push manifest, from one pusher only
    }

    [Fact]
    public async Task Push_Zip_StoresItsEntriesUnderTheVersion()
    {
        string zipPath = Path.Combine(Path.GetTempPath(), $"ember-{Guid.NewGuid():N}.zip");
        using (ZipArchive zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            await using (var w = new StreamWriter(zip.CreateEntry("metadata/part-00000").Open())) await w.WriteAsync("{}");
            zip.CreateEntry("data/");
            await using (var w = new StreamWriter(zip.CreateEntry("data/part-0.parquet").Open())) await w.WriteAsync("PAR1");
        }
        try
        {
            PushResult result = await Repository.PushAsync("zipped", "1", zipPath);
            Assert.Equal(2, result.FileCount);
        }
        finally { File.Delete(zipPath); }
        Assert.Equal(["zipped/1/_ember_bundle.tar", "zipped/1/_ember_push.json", "zipped/1/data/part-0.parquet", "zipped/1/metadata/part-00000"], await KeysAsync("zipped/"));
    }

    [Fact]
    public async Task VersionStillBeingPushed_IsNeitherListedNorLatest()
    {
        await PushAsync("iris", "1");
        await Store.PutAsync("iris/2/metadata/part-00000", Bytes("{}"));
        await Store.PutAsync("iris/2/_ember_pushing", Bytes("{}"));

        Assert.Equal(["1"], await Repository.ListVersionsAsync("iris"));
        Assert.Equal("1", await Repository.ResolveAsync("iris", "latest"));
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.PromoteAsync("iris", "prod", "2"));
        Assert.Equal(ModelRegistryErrorCode.VersionNotFound, error.Code);
    }

    [Fact]
    public async Task Promote_ThenRollback_WalksBackThroughHistory()
    {
        await PushAsync("iris", "1", "2", "3");
        await Repository.PromoteAsync("iris", "prod", "1");
        await Repository.PromoteAsync("iris", "prod", "2");
        await Repository.PromoteAsync("iris", "prod", "3");
        await Repository.PromoteAsync("iris", "canary", "3", weight: 10);

        ModelAliases aliases = await Repository.ReadAliasesAsync("iris");
        Assert.NotNull(aliases.ETag);
        Assert.Equal(new AliasEntry("3", null, ["2", "1"]), aliases.Entries["prod"], AliasComparer.Instance);
        Assert.Equal(10, aliases.Entries["canary"].Weight);
        Assert.Equal("3", await Repository.ResolveAsync("iris", "prod"));

        Assert.Equal("2", (await Repository.RollbackAsync("iris", "prod")).Version);
        Assert.Equal("1", (await Repository.RollbackAsync("iris", "prod")).Version);
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.RollbackAsync("iris", "prod"));
        Assert.Equal(ModelRegistryErrorCode.NoAliasHistory, error.Code);
        Assert.Equal("1", await Repository.ResolveAsync("iris", "prod"));
    }

    [Fact]
    public async Task Promote_UnknownVersion_OrBadWeight_IsRefused()
    {
        await PushAsync("iris", "1");
        Assert.Equal(ModelRegistryErrorCode.VersionNotFound,
            (await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.PromoteAsync("iris", "prod", "7"))).Code);
        Assert.Equal(ModelRegistryErrorCode.InvalidArgument,
            (await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.PromoteAsync("iris", "canary", "1", 101))).Code);
        Assert.Equal(ModelRegistryErrorCode.AliasNotFound,
            (await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.RollbackAsync("iris", "prod"))).Code);
        Assert.Equal(ModelRegistryErrorCode.VersionNotFound,
            (await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.ResolveAsync("iris", "staging"))).Code);
    }

    [Fact]
    public async Task HandWrittenAliases_ShortAndLongForms_AreRead()
    {
        await Store.PutAsync("iris/aliases.json", Bytes("{\"prod\": \"3\", \"canary\": {\"version\": \"4\", \"weight\": 10}}"));
        ModelAliases aliases = await Repository.ReadAliasesAsync("iris");
        Assert.Equal("3", aliases.Entries["prod"].Version);
        Assert.Null(aliases.Entries["prod"].Weight);
        Assert.Equal("4", aliases.Entries["canary"].Version);
        Assert.Equal(10, aliases.Entries["canary"].Weight);
    }

    [Fact]
    public async Task BrokenAliasesFile_IsInvalidAliasesFile_NamingTheFile()
    {
        await Store.PutAsync("iris/aliases.json", Bytes("{\"prod\": 3}"));
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => Repository.ReadAliasesAsync("iris"));
        Assert.Equal(ModelRegistryErrorCode.InvalidAliasesFile, error.Code);
        Assert.Contains("iris/aliases.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentPromotesOfDifferentAliases_LoseNoUpdate()
    {
        await PushAsync("iris", "1");
        var aliasNames = Enumerable.Range(0, 8).Select(i => $"team{i}").ToList();
        await Task.WhenAll(aliasNames.Select(alias => Task.Run(async () =>
        {
            using IObjectStore own = OpenSameRoot();
            await new ModelRepository(own).PromoteAsync("iris", alias, "1");
        })));
        ModelAliases aliases = await Repository.ReadAliasesAsync("iris");
        Assert.Equal(aliasNames, aliases.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConcurrentPromotesAndRollbacksOfOneAlias_KeepEveryVersionInHistory()
    {
        string[] versions = ["1", "2", "3", "4", "5", "6"];
        await PushAsync("iris", versions);
        await Task.WhenAll(versions.Select(v => Task.Run(async () =>
        {
            using IObjectStore own = OpenSameRoot();
            await new ModelRepository(own).PromoteAsync("iris", "prod", v);
        })));
        AliasEntry prod = (await Repository.ReadAliasesAsync("iris")).Entries["prod"];
        Assert.Equal(versions, prod.Previous.Append(prod.Version).Order(StringComparer.Ordinal));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using IObjectStore own = OpenSameRoot();
            await new ModelRepository(own).RollbackAsync("iris", "prod");
        })));
        AliasEntry after = (await Repository.ReadAliasesAsync("iris")).Entries["prod"];
        Assert.Equal(prod.Previous[2], after.Version);
        Assert.Equal(prod.Previous.Skip(3), after.Previous);
    }

    private sealed class AliasComparer : IEqualityComparer<AliasEntry>
    {
        public static readonly AliasComparer Instance = new();
        public bool Equals(AliasEntry? x, AliasEntry? y) =>
            x is not null && y is not null && x.Version == y.Version && x.Weight == y.Weight && x.Previous.SequenceEqual(y.Previous);
        public int GetHashCode(AliasEntry obj) => obj.Version.GetHashCode(StringComparison.Ordinal);
    }
}
