using System.Diagnostics;
using System.Globalization;
using Ember.Configuration;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;
using Ember.Testing;

namespace Ember.Benchmarks.Serving;

/// <summary>
/// `dotnet run -c Release --project benchmarks/Ember.Benchmarks -- serving-coldload [runs]`:
/// pushes every zoo model to a file store, Azurite (Blob) and moto (S3), each started on a free
/// loopback port, then times a cold load (list, download, checks, Spark load, compile) through a
/// fresh <see cref="ModelCache"/> per run. Prints a Markdown table of medians. Not BenchmarkDotNet:
/// a cold load is a one-off of milliseconds against real services, not a hot loop.
/// </summary>
internal static class ColdLoadMeasurement
{
    public static async Task RunAsync(int runs)
    {
        string[] slugs = Directory.GetDirectories(Corpus.Require(Corpus.Zoo)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        string root = Directory.CreateTempSubdirectory("ember-coldload-").FullName;
        await using var azurite = await AzuriteFixture.StartNewAsync();
        await using var moto = await MotoFixture.StartNewAsync();
        var blob = (BlobStore)ObjectStoreFactory.FromUri($"{azurite.BlobEndpoint}/models/zoo", n => n == EmberSettings.BlobConnection ? azurite.ConnectionString : null);
        await blob.CreateContainerIfMissingAsync();
        var s3 = (S3Store)ObjectStoreFactory.FromUri("s3://models/zoo", n => moto.Environment.TryGetValue(n, out string? v) ? v : null);
        await s3.Client.PutBucketAsync("models");
        var stores = new (string Name, IObjectStore Store)[] { ("file", new FileStore(root)), ("blob (Azurite)", blob), ("s3 (moto)", s3) };

        foreach (var (_, store) in stores)
            foreach (string slug in slugs)
                await new ModelRepository(store).PushAsync(slug, "1", Path.Combine(Corpus.Zoo, slug, "model"));

        Console.WriteLine($"| model | size (KB) | {string.Join(" | ", stores.Select(s => s.Name + " median ms"))} |");
        Console.WriteLine($"|---|---:|{string.Concat(stores.Select(_ => "---:|"))}");
        foreach (string slug in slugs)
        {
            long bytes = Directory.GetFiles(Path.Combine(Corpus.Zoo, slug, "model"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var cells = new List<string>();
            foreach (var (_, store) in stores)
                cells.Add(await MedianAsync(store, slug, runs));
            Console.WriteLine($"| {slug} | {bytes / 1024} | {string.Join(" | ", cells)} |");
        }
        foreach (var (_, store) in stores)
            store.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private static async Task<string> MedianAsync(IObjectStore store, string slug, int runs)
    {
        var times = new List<double>();
        for (int i = 0; i <= runs; i++) // run 0 warms the JIT and is not counted
        {
            using var cache = new ModelCache(new ModelRepository(store), new ModelCacheOptions());
            var clock = Stopwatch.StartNew();
            try
            {
                await cache.GetAsync(new ModelRequest(slug, "1"), CancellationToken.None);
            }
            catch (ModelUnavailableException ex)
            {
                string line = (ex.InnerException?.Message ?? ex.Message).Split('\n')[0];
                return "not loadable: " + (line.Length > 80 ? line[..80] + "..." : line);
            }
            if (i > 0)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2].ToString("0.0", CultureInfo.InvariantCulture);
    }
}
