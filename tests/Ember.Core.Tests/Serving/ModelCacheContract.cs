using Ember.Bundles;
using Ember.Core.Tests.Bundles;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;
using Xunit;

namespace Ember.Core.Tests.Serving;

/// <summary>
/// The cache + registry + bundle behaviour, run once per store (file, Azurite Blob, moto S3). Each
/// test gets an empty store root; the registry writes to it directly (as `ember push`/`promote`
/// would from another machine) while the cache reads through a <see cref="FaultyStore"/>.
/// Nothing waits on a clock: changes are polled for with generous limits.
/// </summary>
public abstract partial class ModelCacheContract : IAsyncLifetime
{
    protected static readonly StoreOptions FastRetries = new()
    {
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Aliases re-read on every request, failures retried after 50 ms: behaviour is exercised, never waited for.</summary>
    protected static readonly ModelCacheOptions TestOptions = new()
    {
        AliasRefreshInterval = TimeSpan.Zero,
        FailureBackoff = TimeSpan.FromMilliseconds(50),
        LoadTimeout = TimeSpan.FromSeconds(60),
    };

    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(60);

    private readonly string _work = Directory.CreateTempSubdirectory("ember-cache-contract-").FullName;
    private readonly List<ModelCache> _caches = [];
    private IObjectStore? _store;
    private FaultyStore? _faulty;

    protected abstract Task<IObjectStore> NewStoreAsync();

    /// <summary>The registry writing straight to the store (another process).</summary>
    protected ModelRepository Registry => new(_store!);

    private protected FaultyStore Faulty => _faulty!;

    protected IObjectStore RawStore => _store!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync();
        _faulty = new FaultyStore(_store);
    }

    public Task DisposeAsync()
    {
        foreach (ModelCache cache in _caches)
            cache.Dispose();
        _store?.Dispose();
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    protected ModelCache NewCache(ModelCacheOptions? options = null)
    {
        var cache = new ModelCache(new ModelRepository(Faulty), options ?? TestOptions);
        _caches.Add(cache);
        return cache;
    }

    /// <summary>Packs a Binarizer bundle (threshold 0.5 unless said) and pushes it as name/version.</summary>
    protected async Task<string> PushAsync(string name, string version, Action<string>? spoil = null)
    {
        string bundle = Path.Combine(_work, $"{name}-{version}");
        TestModels.PackBinarizer(_work, bundle, name, version);
        spoil?.Invoke(bundle);
        await Registry.PushAsync(name, version, bundle);
        return bundle;
    }

    protected static double Score(ServedModel model, double x)
    {
        var output = BundleExamples.Score(model.Pipeline, TestModels.Json($$"""{"x": {{x}}}"""), ["y"], out string? error);
        Assert.Null(error);
        return output!.Value.GetProperty("y").GetDouble();
    }

    protected static Task<ServedModel> Get(ModelCache cache, string name, string? version = null, string? alias = null, string? key = null) =>
        cache.GetAsync(new ModelRequest(name, version, alias, key), CancellationToken.None).AsTask();

    /// <summary>The one object a cold load of a pushed version reads (see <see cref="VersionPack"/>).</summary>
    protected static string PackKey(string name, string version) => ModelRepository.VersionPrefix(name, version) + VersionPack.FileName;

    /// <summary>Removes a pushed version's pack, so loads read its files one by one.</summary>
    protected Task DropPackAsync(string name, string version) => RawStore.DeleteAsync(PackKey(name, version));

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after a generous limit.</summary>
    protected static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > PollLimit)
                Assert.Fail($"not within {PollLimit}: {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task List_ShowsModelsVersionsAndAliases_WithCanaries()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        await PushAsync("churn", "1");
        await Registry.PromoteAsync("iris", "prod", "1");
        await Registry.PromoteAsync("iris", "prod", "2", weight: 10);
        await Registry.PromoteAsync("iris", "stable", "1");

        var listings = await NewCache().ListAsync(CancellationToken.None);

        Assert.Equal(["churn", "iris"], listings.Select(l => l.Name));
        var iris = listings[1];
        Assert.Equal(["1", "2"], iris.Versions);
        Assert.Equal([new AliasListing("prod", "1", "2", 10), new AliasListing("stable", "1")], iris.Aliases);
        Assert.Empty(listings[0].Aliases);
    }

    [Fact]
    public async Task Get_ByVersion_ServesTheVerifiedBundle()
    {
        await PushAsync("iris", "1");
        ServedModel model = await Get(NewCache(), "iris", version: "1");

        Assert.Equal(("iris", "1"), (model.Name, model.Version));
        Assert.Equal("iris", model.Manifest!.Name);
        Assert.Equal(1.0, Score(model, 0.9));
        Assert.Equal(0.0, Score(model, 0.1));
    }

    [Fact]
    public async Task Get_Default_IsProdWhenDefined_ElseLatest()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        ModelCache cache = NewCache();

        Assert.Equal("2", (await Get(cache, "iris")).Version);
        await Registry.PromoteAsync("iris", "prod", "1");
        Assert.Equal("1", (await Get(cache, "iris")).Version);
        Assert.Equal("2", (await Get(cache, "iris", alias: "latest")).Version);
        Assert.Equal("2", (await Get(cache, "iris", alias: "2")).Version); // name@version
    }

    [Fact]
    public async Task Get_Missing_IsNotFound_NamingWhatIsMissing()
    {
        await PushAsync("iris", "1");
        await Registry.PromoteAsync("iris", "prod", "1");
        ModelCache cache = NewCache();

        Assert.Contains("'nope'", (await Assert.ThrowsAsync<ModelNotFoundException>(() => Get(cache, "nope"))).Message, StringComparison.Ordinal);
        Assert.Contains("no version '9'", (await Assert.ThrowsAsync<ModelNotFoundException>(() => Get(cache, "iris", version: "9"))).Message, StringComparison.Ordinal);
        var alias = await Assert.ThrowsAsync<ModelNotFoundException>(() => Get(cache, "iris", alias: "beta"));
        Assert.Contains("no alias or version 'beta'", alias.Message, StringComparison.Ordinal);
        Assert.Contains("aliases: prod", alias.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid", (await Assert.ThrowsAsync<ModelNotFoundException>(() => Get(cache, "../etc"))).Message, StringComparison.Ordinal);
        Assert.Empty(cache.Health()); // asking for what does not exist is not ill health
    }

    [Fact]
    public async Task Get_Warm_RereadsAliasesConditionally_AndDownloadsOnce()
    {
        await PushAsync("iris", "1");
        await Registry.PromoteAsync("iris", "prod", "1");
        ModelCache cache = NewCache();

        ServedModel first = await Get(cache, "iris");
        for (int i = 0; i < 5; i++)
            Assert.Same(first, await Get(cache, "iris"));

        Assert.True(Faulty.NotModified >= 5, $"aliases.json answered NotModified {Faulty.NotModified} times");
        Assert.Equal(1, Faulty.Gets(PackKey("iris", "1")));
        Assert.Equal(0, Faulty.Gets("iris/1/model/metadata/part-00000")); // the pack held it
    }

    [Fact]
    public async Task Get_Cold_ListsTheModelOnce_AndAsksForNothingTheListingAnswered()
    {
        await PushAsync("iris", "1");
        await PushAsync("iris", "2");
        await PushAsync("churn", "1");
        await PushAsync("churn", "2");
        await Registry.PromoteAsync("churn", "prod", "1");
        ModelCache cache = NewCache();

        Assert.Equal("2", (await Get(cache, "iris")).Version);
        Assert.Equal(1, Faulty.Lists("iris/"));
        Assert.Equal(0, Faulty.Gets("iris/aliases.json")); // listed as absent: no 404 to wait for
        Assert.Equal(0, Faulty.Lists("iris/2/")); // its files came with the model's listing

        Assert.Equal("1", (await Get(cache, "churn")).Version);
        Assert.Equal(1, Faulty.Lists("churn/"));
        Assert.Equal(1, Faulty.Gets("churn/aliases.json"));
        Assert.Equal(0, Faulty.Lists("churn/1/"));
    }

    [Fact]
    public async Task ConcurrentFirstRequests_ShareOneLoad()
    {
        await PushAsync("iris", "1");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Faulty.BeforeGet = key => key == PackKey("iris", "1") ? gate.Task : Task.CompletedTask;
        ModelCache cache = NewCache();

        var requests = Enumerable.Range(0, 16).Select(_ => Task.Run(() => Get(cache, "iris", version: "1"))).ToArray();
        await Eventually(() => Task.FromResult(Faulty.Gets(PackKey("iris", "1")) == 1), "the load reached the download");
        gate.SetResult();
        ServedModel[] models = await Task.WhenAll(requests);

        Assert.All(models, m => Assert.Same(models[0], m));
        Assert.Equal(1, Faulty.Gets(PackKey("iris", "1")));
        Assert.Equal(1, Faulty.Lists("iris/1/"));
    }

    [Fact]
    public async Task CallerCancellation_DoesNotCancelTheSharedLoad()
    {
        await PushAsync("iris", "1");
        await DropPackAsync("iris", "1");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Faulty.BeforeGet = key => key.EndsWith("part-00000", StringComparison.Ordinal) ? gate.Task : Task.CompletedTask;
        ModelCache cache = NewCache();

        using var cts = new CancellationTokenSource();
        Task<ServedModel> impatient = cache.GetAsync(new ModelRequest("iris", "1"), cts.Token).AsTask();
        Task<ServedModel> patient = Get(cache, "iris", version: "1");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        gate.SetResult();

        Assert.Equal("1", (await patient).Version);
        Assert.Equal(1, Faulty.Gets("iris/1/model/metadata/part-00000"));
    }
}
