using System.Diagnostics;
using System.Globalization;
using Ember.Batch;
using Ember.Batch.Input;
using Ember.Parquet;
using Ember.Storage;
using Ember.Testing;

namespace Ember.Benchmarks.Batch;

/// <summary>
/// `dotnet run -c Release --project benchmarks/Ember.Benchmarks -- batch-ranged-input PATH PARTS [RUNS]`:
/// uploads a Parquet file to a moto_server and an Azurite started on free ports, then opens one part of a split
/// job the two ways the batch runner has known: before, the whole object streamed to a spool file
/// (GetAsync + copy, as until ranged reads), and after, <see cref="RangedParquetSpool"/> (head,
/// footer, the part's column chunks into a sparse file). Every column is read (passthrough "*"),
/// so the saving is the part's alone. Prints bytes requested and median wall time per way.
/// </summary>
internal static class RangedInputMeasurement
{
    public static async Task RunAsync(string path, int parts, int runs)
    {
        long length = new FileInfo(path).Length;
        using (var local = ParquetFileReader.Open(path))
            Console.WriteLine($"{path}: {length:N0} bytes, {local.RowGroupCount} row groups, {local.RowCount:N0} rows; part 0 of {parts}; {runs} runs (+1 warm-up)");

        await using (var moto = await MotoFixture.StartNewAsync())
        {
            string? Setting(string n) => moto.Environment.TryGetValue(n, out string? v) ? v : null;
            using var s3 = (S3Store)ObjectStoreFactory.FromUri("s3://inputs/jobs", Setting);
            await s3.Client.PutBucketAsync("inputs");
            await MeasureAsync("s3 (moto)", s3, "s3://inputs/jobs/in.parquet", path, parts, runs);
        }
        await using (var azurite = await AzuriteFixture.StartNewAsync())
        {
            string folder = $"{azurite.BlobEndpoint}/inputs/jobs";
            using var blob = (BlobStore)ObjectStoreFactory.FromUri(folder, n => n == Configuration.EmberSettings.BlobConnection ? azurite.ConnectionString : null);
            await blob.CreateContainerIfMissingAsync();
            await MeasureAsync("blob (Azurite)", blob, folder + "/in.parquet", path, parts, runs);
        }
    }

    private static async Task MeasureAsync(string name, IObjectStore store, string uri, string path, int parts, int runs)
    {
        await using (var file = File.OpenRead(path))
            await store.UploadAsync("in.parquet", file);
        long length = new FileInfo(path).Length;
        var input = ObjectLocation.Parse(uri, "input");
        string spoolDir = Directory.CreateTempSubdirectory("ember-ranged-bench-").FullName;

        var whole = new List<double>();
        var ranged = new List<double>();
        var fourBytes = new List<double>();
        long rangedBytes = 0, rangedRequests = 0;
        for (int run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await using (var read = await store.GetAsync(input.Key))
            await using (var spool = new FileStream(Path.Combine(spoolDir, "whole.parquet"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose))
            {
                await read.Content.CopyToAsync(spool, 1 << 20);
                spool.Position = 0;
                using var reader = ParquetFileReader.Open(spool, input.Display);
            }
            if (run > 0) whole.Add(clock.Elapsed.TotalMilliseconds);

            // What one request costs on this server whatever its size (moto reads the whole stored value to answer a range).
            clock.Restart();
            await using (var head = await store.GetRangeAsync(input.Key, 0, 4))
                await head.Content.CopyToAsync(Stream.Null);
            if (run > 0) fourBytes.Add(clock.Elapsed.TotalMilliseconds);

            var counting = new CountingStore(store);
            var options = new SourceOptions([], [], true, new HashSet<string>(), 1024, null, new BatchPart(0, parts));
            clock.Restart();
            await using (var spool = new FileStream(Path.Combine(spoolDir, "ranged.parquet"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.DeleteOnClose))
            {
                var (source, _) = await RangedParquetSpool.OpenAsync(counting, input, options, spool, CancellationToken.None);
                source.Dispose();
            }
            if (run > 0) ranged.Add(clock.Elapsed.TotalMilliseconds);
            rangedBytes = counting.Bytes;
            rangedRequests = counting.Requests;
        }
        Directory.Delete(spoolDir, recursive: true);
        Console.WriteLine();
        Console.WriteLine($"| {name} | requests | bytes downloaded | median ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| before: whole object to the spool file | 1 | {length:N0} | {Median(whole)} |");
        Console.WriteLine($"| after: ranged (head, footer, part's chunks) | {rangedRequests} | {rangedBytes:N0} | {Median(ranged)} |");
        Console.WriteLine($"| one 4-byte range, for scale | 1 | 4 | {Median(fourBytes)} |");
    }

    private static string Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2].ToString("0", CultureInfo.InvariantCulture);
    }

    /// <summary>Counts ranged reads and their bytes on the way to the real store.</summary>
    private sealed class CountingStore(IObjectStore inner) : IObjectStore
    {
        private long _bytes, _requests;

        public long Bytes => Interlocked.Read(ref _bytes);
        public long Requests => Interlocked.Read(ref _requests);
        public string Location => inner.Location;

        public Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _bytes, length);
            Interlocked.Increment(ref _requests);
            return inner.GetRangeAsync(key, offset, length, ifMatch, cancellationToken);
        }

        public Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the ranged way must not read the whole object");

        public Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default) =>
            inner.ListPageAsync(prefix, options, cancellationToken);

        public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default) =>
            inner.PutAsync(key, content, condition, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default) => inner.StartUploadAsync(key, cancellationToken);

        public void Dispose() { }
    }
}
