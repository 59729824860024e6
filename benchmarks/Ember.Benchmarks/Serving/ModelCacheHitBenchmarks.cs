using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Benchmarks.Serving;

/// <summary>
/// What a request pays to get its model from a warm <see cref="ModelCache"/>: alias resolution
/// (fresh aliases, no store call), canary routing by key, the warm-entry lookup and the LRU touch.
/// The model is a one-stage Binarizer in a file store; the cost does not depend on the model.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ModelCacheHitBenchmarks
{
    private readonly ModelRequest _byAlias = new("iris");
    private readonly ModelRequest _byVersion = new("iris", Version: "1");
    private readonly ModelRequest _canaryByKey = new("iris", Alias: "canary", RoutingKey: "user-42");
    private string _root = null!;
    private ModelCache _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("ember-bench-cache-").FullName;
        string model = Path.Combine(_root, "spark");
        Directory.CreateDirectory(Path.Combine(model, "metadata"));
        File.WriteAllText(Path.Combine(model, "metadata", "part-00000"),
            """{"class":"org.apache.spark.ml.feature.Binarizer","timestamp":1,"sparkVersion":"3.5.0","uid":"b","paramMap":{"inputCol":"x","outputCol":"y","threshold":0.5},"defaultParamMap":{}}""");
        var store = new FileStore(Path.Combine(_root, "store"));
        var registry = new ModelRepository(store);
        registry.PushAsync("iris", "1", model).GetAwaiter().GetResult();
        registry.PushAsync("iris", "2", model).GetAwaiter().GetResult();
        registry.PromoteAsync("iris", "prod", "1").GetAwaiter().GetResult();
        registry.PromoteAsync("iris", "canary", "1").GetAwaiter().GetResult();
        registry.PromoteAsync("iris", "canary", "2", weight: 10).GetAwaiter().GetResult();
        // A long refresh interval: the benchmark measures the hit, not the periodic conditional read.
        _cache = new ModelCache(registry, new ModelCacheOptions { AliasRefreshInterval = TimeSpan.FromHours(1) }, ownedStore: store);
        foreach (var request in new[] { _byAlias, _byVersion, _canaryByKey, new ModelRequest("iris", "2") })
            _cache.GetAsync(request, default).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public ServedModel DefaultAlias() => _cache.GetAsync(_byAlias, default).Result;

    [Benchmark]
    public ServedModel ExplicitVersion() => _cache.GetAsync(_byVersion, default).Result;

    [Benchmark]
    public ServedModel CanaryByRoutingKey() => _cache.GetAsync(_canaryByKey, default).Result;
}
