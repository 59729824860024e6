using Ember.Batch;
using Ember.Configuration;
using Ember.Storage;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Batch;

/// <summary>
/// The runner against real emulators: input and output on Azurite (Blob: Put Block + Put Block
/// List) and on moto (S3 multipart), every format; a killed job leaves nothing at the output name.
/// </summary>
public abstract class BatchRemoteStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-remote-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A folder URI on the emulator (container or bucket created).</summary>
    protected abstract Task<string> FolderAsync();

    protected abstract string? Setting(string name);

    private BatchRunner Runner() => new(new BatchRunnerOptions
    {
        OpenStore = uri => ObjectStoreFactory.FromUri(uri, Setting),
        SpoolDirectory = _dir,
    });

    private async Task<IObjectStore> UploadAsync(string folder, string key, string localFile)
    {
        var store = ObjectStoreFactory.FromUri(folder, Setting);
        await using var file = File.OpenRead(localFile);
        await store.UploadAsync(key, file);
        return store;
    }

    public static TheoryData<DataFormat, DataFormat> Pairs() => new()
    {
        { DataFormat.Parquet, DataFormat.Parquet },
        { DataFormat.Csv, DataFormat.Jsonl },
        { DataFormat.Jsonl, DataFormat.Csv },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task RoundTrip_RemoteInputAndOutput_CommitsOutputAndSummary(DataFormat inputFormat, DataFormat outputFormat)
    {
        string folder = await FolderAsync();
        string local = Path.Combine(_dir, "in" + BatchRoundTripTests.Ext(inputFormat));
        var rows = BatchFiles.Rows(20_000);
        BatchFiles.Write(local, inputFormat, rows, rowGroupRows: 5000);
        using var store = await UploadAsync(folder, "in/data" + BatchRoundTripTests.Ext(inputFormat), local);
        string outputKey = "out/scores" + BatchRoundTripTests.Ext(outputFormat);
        var job = BatchTestModel.Job($"{folder}/in/data{BatchRoundTripTests.Ext(inputFormat)}", $"{folder}/{outputKey}", chunkRows: 4096);

        var summary = await Runner().RunAsync(job, BatchTestModel.Create());

        Assert.True(summary.Status == BatchSummary.Succeeded, summary.Error);
        Assert.Equal(20_000, summary.RowsWritten);
        string downloaded = Path.Combine(_dir, "out" + BatchRoundTripTests.Ext(outputFormat));
        var bytes = await store.ReadAllBytesAsync(outputKey, 64 * 1024 * 1024);
        await File.WriteAllBytesAsync(downloaded, bytes!.Value.Content);
        var written = BatchFiles.Read(downloaded, outputFormat);
        var direct = BatchTestModel.Direct(BatchTestModel.Create(), rows.Take(100).Select(r => (r.Color!, r.X)).ToArray());
        Assert.Equal(20_000, written.Count);
        for (int i = 0; i < 100; i++)
            Assert.Equal(direct[i].Vector("probability").ToArray(), BatchFiles.AsVector(written[i]["probability"]));
        Assert.NotNull(await store.ReadAllBytesAsync(outputKey + "._ember.json"));
        Assert.Empty(Directory.GetFiles(_dir, "ember-spool-*"));

        var again = await Runner().RunAsync(job, BatchTestModel.Create());
        Assert.True(again.AlreadyCommitted);
    }

    [Fact]
    public async Task SplitParquet_EachPartReadByRanges_WritesWhatTheLocalFileWrites()
    {
        string folder = await FolderAsync();
        string local = Path.Combine(_dir, "in.parquet");
        BatchFiles.Write(local, DataFormat.Parquet, BatchFiles.Rows(60_000), rowGroupRows: 4000);
        using var store = await UploadAsync(folder, "in/data.parquet", local);
        var model = BatchTestModel.Create();

        long rows = 0;
        for (int i = 0; i < 4; i++)
        {
            var part = new BatchPart(i, 4);
            string localOut = Path.Combine(_dir, "local-out");
            var remote = await Runner().RunAsync(BatchTestModel.Job($"{folder}/in/data.parquet", $"{folder}/out/scores.jsonl", part: part), model);
            var reference = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(local, Path.Combine(localOut, "scores.jsonl"), part: part), model);
            Assert.True(remote.Status == BatchSummary.Succeeded, remote.Error);
            Assert.True(reference.Status == BatchSummary.Succeeded, reference.Error);
            rows += remote.RowsWritten;
            var written = await store.ReadAllBytesAsync($"out/scores.jsonl/part-{i:D5}.jsonl", 64 * 1024 * 1024);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(localOut, "scores.jsonl", $"part-{i:D5}.jsonl")), written!.Value.Content);
        }
        Assert.Equal(60_000, rows);
        Assert.Empty(Directory.GetFiles(_dir, "ember-spool-*"));
    }

    [Fact]
    public async Task KilledMidway_NothingVisibleAtTheOutput_ThenTheRerunCommits()
    {
        string folder = await FolderAsync();
        string local = Path.Combine(_dir, "in.csv");
        BatchFiles.Write(local, DataFormat.Csv, BatchFiles.Rows(200_000));
        using var store = await UploadAsync(folder, "in.csv", local);
        // Big enough that parts are uploaded before the kill (the stores' part size is 8 MiB).
        var job = BatchTestModel.Job($"{folder}/in.csv", $"{folder}/out.jsonl", chunkRows: 20_000);
        using var kill = new CancellationTokenSource();
        int chunks = 0;

        var killed = await Runner().RunAsync(job, BatchTestModel.Create(), kill.Token, p =>
        {
            if (++chunks == 8) kill.Cancel();
        });

        Assert.Equal(BatchSummary.Failed, killed.Status);
        Assert.Null(await store.ReadAllBytesAsync("out.jsonl"));
        var entries = new List<string>();
        await foreach (var e in store.ListAllAsync(""))
            entries.Add(e.Key);
        Assert.Equal(["in.csv", "out.jsonl._ember.json"], entries);

        var rerun = await Runner().RunAsync(job, BatchTestModel.Create());
        Assert.True(rerun.Status == BatchSummary.Succeeded, rerun.Error);
        Assert.Equal(200_000, rerun.RowsWritten);
    }
}

public sealed class BatchOnAzuriteTests(AzuriteFixture azurite) : BatchRemoteStoreTests, IClassFixture<AzuriteFixture>
{
    protected override string? Setting(string name) => name == EmberSettings.BlobConnection ? azurite.ConnectionString : null;

    protected override async Task<string> FolderAsync()
    {
        string folder = $"{azurite.BlobEndpoint}/c{Guid.NewGuid():N}/jobs";
        using var store = (BlobStore)ObjectStoreFactory.FromUri(folder, Setting);
        await store.CreateContainerIfMissingAsync();
        return folder;
    }
}

public sealed class BatchOnMotoTests(MotoFixture moto) : BatchRemoteStoreTests, IClassFixture<MotoFixture>
{
    protected override string? Setting(string name) => moto.Environment.TryGetValue(name, out string? v) ? v : null;

    protected override async Task<string> FolderAsync()
    {
        string bucket = "b" + Guid.NewGuid().ToString("N")[..20];
        using var store = (S3Store)ObjectStoreFactory.FromUri($"s3://{bucket}", Setting);
        await store.Client.PutBucketAsync(bucket);
        return $"s3://{bucket}/jobs";
    }
}
