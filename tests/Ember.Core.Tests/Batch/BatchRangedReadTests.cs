using Ember.Batch;
using Ember.Batch.Input;
using Ember.Parquet;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Batch;

/// <summary>
/// A Parquet input on a remote store is read by ranges: the footer, then only the column chunks of
/// the job's part. The "remote" store here is a file store behind an s3:// URI and a wrapper that
/// records every read; the same job over the local path (read in place) is the reference.
/// </summary>
public sealed class BatchRangedReadTests : IDisposable
{
    private const string RemoteFolder = "s3://inputs/jobs";

    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-ranged-").FullName;
    private readonly string _inputs;
    private readonly string _spool;
    private readonly FileStore _inputStore;
    private readonly RangeRecordingStore _recorder;

    public BatchRangedReadTests()
    {
        _inputs = Directory.CreateDirectory(Path.Combine(_dir, "inputs")).FullName;
        _spool = Directory.CreateDirectory(Path.Combine(_dir, "spool")).FullName;
        _inputStore = new FileStore(_inputs);
        _recorder = new RangeRecordingStore(_inputStore);
    }

    public void Dispose()
    {
        _inputStore.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private BatchRunner RangedRunner() => new(new BatchRunnerOptions
    {
        OpenStore = uri => uri == RemoteFolder ? _recorder : new FileStore(uri),
        SpoolDirectory = _spool,
    });

    private string Local(string name) => Path.Combine(_inputs, name);

    private static string Remote(string name) => $"{RemoteFolder}/{name}";

    /// <summary>Runs one part both ways; returns the ranged summary and asserts both outputs are the same bytes.</summary>
    private async Task<BatchSummary> RunBothWaysAsync(string name, BatchPart? part, IReadOnlyList<string>? passthrough = null)
    {
        string tag = part is null ? "whole" : $"{part.Index}-of-{part.Count}";
        string rangedOut = Path.Combine(_dir, $"ranged-{name}-{tag}.jsonl"), wholeOut = Path.Combine(_dir, $"whole-{name}-{tag}.jsonl");
        var model = BatchTestModel.Create();
        var ranged = await RangedRunner().RunAsync(BatchTestModel.Job(Remote(name), rangedOut, passthrough: passthrough, chunkRows: 1000, part: part), model);
        var whole = await BatchTestModel.FileRunner().RunAsync(BatchTestModel.Job(Local(name), wholeOut, passthrough: passthrough, chunkRows: 1000, part: part), model);
        Assert.True(ranged.Status == BatchSummary.Succeeded, ranged.Error);
        Assert.True(whole.Status == BatchSummary.Succeeded, whole.Error);
        Assert.Equal(whole.RowsWritten, ranged.RowsWritten);
        Assert.Equal(await ReadOutputAsync(wholeOut, part), await ReadOutputAsync(rangedOut, part));
        Assert.Empty(_recorder.WholeReads);
        Assert.Empty(Directory.GetFiles(_spool));
        return ranged;
    }

    private static Task<string> ReadOutputAsync(string output, BatchPart? part) =>
        File.ReadAllTextAsync(part is null ? output : Path.Combine(output, $"part-{part.Index:D5}.jsonl"));

    [Fact]
    public async Task SplitJob_EveryPartWritesWhatTheWholeFilePathWrites_AndFetchesAFractionOfTheFile()
    {
        const int parts = 8;
        BatchFiles.Write(Local("big.parquet"), DataFormat.Parquet, BatchFiles.Rows(200_000), rowGroupRows: 5000);
        long fileLength = new FileInfo(Local("big.parquet")).Length;

        long rows = 0;
        for (int i = 0; i < parts; i++)
        {
            _recorder.Clear();
            var summary = await RunBothWaysAsync("big.parquet", new BatchPart(i, parts));
            rows += summary.RowsWritten;

            var ranges = _recorder.Ranges.ToList();
            Assert.Equal((0L, 4L, (string?)null), (ranges[0].Offset, ranges[0].Length, ranges[0].IfMatch));
            Assert.All(ranges.Skip(1), r => Assert.Equal(summary.InputETag, r.IfMatch));
            Assert.True(_recorder.BytesRequested < fileLength / 5,
                $"part {i} fetched {_recorder.BytesRequested} of {fileLength} bytes in {ranges.Count} ranges");
        }
        Assert.Equal(200_000, rows);
    }

    [Fact]
    public async Task NullableListInput_WithANullElement_IsFetchedWhole_SoTheRecordFallbackReadsOnlyFetchedBytes()
    {
        // A null element sends that group to the record reader, which reads every column: a list with
        // nullable elements makes the plan fetch every column of the part's groups.
        // Random ids: their chunk (~240 KB) is too far from the features' for the ranges to merge.
        var random = new Random(7);
        using (var w = ParquetFileWriter.Create(Local("vectors.parquet"), new ParquetSchema(ParquetField.Int64("id"), ParquetField.List("features", ParquetField.Double("element", nullable: true)))))
        {
            for (int row = 1; row <= 30_000; row++)
                w.WriteRow(random.NextInt64(), row == 2 ? new List<object?> { 0.0, null, 4.0 } : new List<object?> { random.NextDouble(), 2.0, 3.0 });
        }
        var job = BatchJobParser.Validate(new BatchJobMessage("vectors", null, null, Remote("vectors.parquet"), Path.Combine(_dir, "vectors.out.jsonl"), null, null, null, null, null, null, null));

        var summary = await RangedRunner().RunAsync(job, BatchTestModel.VectorInput());

        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.Contains("row 2, column 'features': element 1 of the list is null", summary.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WholeJob_OverRanges_WritesWhatTheWholeFilePathWrites()
    {
        BatchFiles.Write(Local("in.parquet"), DataFormat.Parquet, BatchFiles.Rows(30_000), rowGroupRows: 4000);
        await RunBothWaysAsync("in.parquet", part: null);
        Assert.Equal(new FileInfo(Local("in.parquet")).Length, _recorder.BytesRequested); // "*": every column, every group, once
    }

    /// <summary>
    /// The proof that a part reads nothing outside what was fetched: the spool file is kept, the
    /// holes must still be zeros, the part's needed columns read back as in the original, and a
    /// column the job does not read (id) was never fetched.
    /// </summary>
    [Fact]
    public async Task Spool_HolesStayZeros_ThePartsColumnsReadBackExactly_AndUnreadColumnsAreNeverFetched()
    {
        // An unread random column (160 KB a group, beyond the merge gap) besides the unread id.
        var random = new Random(5);
        var schema = new ParquetSchema(ParquetField.Int64("id"), ParquetField.String("color"), ParquetField.Double("x"), ParquetField.Double("payload"));
        using (var w = ParquetFileWriter.Create(Local("in.parquet"), schema, new ParquetWriteOptions { RowGroupSize = 20_000 }))
            foreach (var r in BatchFiles.Rows(400_000))
                w.WriteRow(r.Id, r.Color, r.X, random.NextDouble());
        byte[] original = await File.ReadAllBytesAsync(Local("in.parquet"));
        var plan = BatchTestModel.Create().Pipeline.DefaultPlan;
        var part = new BatchPart(2, 5); // row groups 8..11 of 20
        var options = new SourceOptions(plan.RequiredInputs, [], false, new HashSet<string>(), 1000, null, part);
        string spoolPath = Path.Combine(_spool, "kept.parquet");

        using (var file = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
        {
            var (source, eTag) = await RangedParquetSpool.OpenAsync(_recorder, ObjectLocation.Parse(Remote("in.parquet"), "input"), options, file, default);
            using (source)
            {
                Assert.False(string.IsNullOrEmpty(eTag));
                Assert.Equal(80_000, source.TotalRows);
            }
        }

        byte[] spooled = await File.ReadAllBytesAsync(spoolPath);
        Assert.Equal(original.Length, spooled.Length);
        var fetched = new FetchedRanges();
        foreach (var r in _recorder.Ranges) fetched.Add(r.Offset, r.Length);
        for (long at = 0; at < spooled.Length; at++)
            if (fetched.Covers(at, 1)) Assert.Equal(original[at], spooled[at]);
            else Assert.Equal(0, spooled[at]);
        Assert.True(_recorder.BytesRequested < original.Length / 4, $"fetched {_recorder.BytesRequested} of {original.Length}");

        using var whole = ParquetFileReader.Open(Local("in.parquet"));
        using var sparse = ParquetFileReader.Open(spoolPath);
        for (int g = 8; g < 12; g++)
        {
            Assert.Equal(whole.ReadColumn(g, "x").Doubles, sparse.ReadColumn(g, "x").Doubles);
            Assert.Equal(whole.ReadColumn(g, "color").Strings, sparse.ReadColumn(g, "color").Strings);
            foreach (var (leaf, name) in new[] { (0, "id"), (3, "payload") })
            {
                var unread = whole.ColumnChunkExtent(g, leaf)!.Value;
                Assert.True(fetched.Missing(unread.Offset, unread.Length).Sum(m => m.Length) == unread.Length,
                    $"row group {g}: bytes of the {name} column were fetched, though the job does not read it");
                Assert.Throws<ParquetException>(() => sparse.ReadColumn(g, name));
            }
        }
        foreach (int g in new[] { 0, 7, 12, 19 })
            Assert.Throws<ParquetException>(() => sparse.ReadColumn(g, "x"));
    }

    [Fact]
    public async Task InputChangedBetweenFooterAndChunks_IsARetryableErrorNamingTheInput()
    {
        BatchFiles.Write(Local("in.parquet"), DataFormat.Parquet, BatchFiles.Rows(50_000), rowGroupRows: 5000);
        byte[] other = await File.ReadAllBytesAsync(Local("in.parquet"));
        // Requests 0 and 1 are the head and the footer's tail; replace the object before the first chunk.
        _recorder.BeforeRange = async n =>
        {
            if (n == 2) await _inputStore.PutAsync("in.parquet", other);
        };

        var summary = await RangedRunner().RunAsync(BatchTestModel.Job(Remote("in.parquet"), Path.Combine(_dir, "out.jsonl"), part: new BatchPart(1, 4)),
            BatchTestModel.Create());

        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.True(summary.Retryable);
        Assert.Contains(Remote("in.parquet"), summary.Error, StringComparison.Ordinal);
        Assert.Contains("changed while it was being read", summary.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "out.jsonl", "part-00001.jsonl")));
        Assert.Empty(Directory.GetFiles(_spool));
    }

    [Fact]
    public async Task CorruptFooterLength_IsAClearErrorNamingTheInput_AndFetchesNoChunk()
    {
        BatchFiles.Write(Local("in.parquet"), DataFormat.Parquet, BatchFiles.Rows(20_000), rowGroupRows: 2000);
        byte[] bytes = await File.ReadAllBytesAsync(Local("in.parquet"));
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8, 4), 0x7FFF_0000); // footer length far beyond the file
        await File.WriteAllBytesAsync(Local("in.parquet"), bytes);

        var summary = await RangedRunner().RunAsync(BatchTestModel.Job(Remote("in.parquet"), Path.Combine(_dir, "out.jsonl"), part: new BatchPart(0, 2)),
            BatchTestModel.Create());

        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.False(summary.Retryable);
        Assert.Contains(Remote("in.parquet"), summary.Error, StringComparison.Ordinal);
        Assert.Contains("footer length 2147418112 does not fit in the file", summary.Error, StringComparison.Ordinal);
        Assert.Equal(2, _recorder.Ranges.Count); // head and tail only
        Assert.Empty(Directory.GetFiles(_spool));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(11)]
    public async Task TooShortToBeParquet_IsAClearErrorNamingTheInput(int length)
    {
        await File.WriteAllBytesAsync(Local("short.parquet"), "PAR1PAR1PAR1"u8[..length].ToArray());

        var summary = await RangedRunner().RunAsync(BatchTestModel.Job(Remote("short.parquet"), Path.Combine(_dir, "out.jsonl")), BatchTestModel.Create());

        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.False(summary.Retryable);
        Assert.Contains(Remote("short.parquet"), summary.Error, StringComparison.Ordinal);
        Assert.Contains("too few for a Parquet file", summary.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingInput_SaysItDoesNotExist()
    {
        var summary = await RangedRunner().RunAsync(BatchTestModel.Job(Remote("none.parquet"), Path.Combine(_dir, "out.jsonl")), BatchTestModel.Create());
        Assert.Equal(BatchSummary.Failed, summary.Status);
        Assert.Equal($"the input {Remote("none.parquet")} does not exist", summary.Error);
    }

    [Fact]
    public async Task TinyFile_IsReadFromTheHeadAndTheTailAlone()
    {
        BatchFiles.Write(Local("tiny.parquet"), DataFormat.Parquet, BatchFiles.Rows(3));
        Assert.True(new FileInfo(Local("tiny.parquet")).Length < RangedParquetSpool.TailBytes);

        var summary = await RunBothWaysAsync("tiny.parquet", part: null);

        Assert.Equal(3, summary.RowsWritten);
        Assert.Equal(2, _recorder.Ranges.Count);
        Assert.Equal(new FileInfo(Local("tiny.parquet")).Length, _recorder.BytesRequested);
    }

    [Fact]
    public async Task OneRowGroup_MorePartsThanRowGroups_PartsWithoutAGroupFetchOnlyTheFooter_AndEveryRowIsScoredOnce()
    {
        // One row group bigger than the speculative tail, so its chunks need reads of their own.
        BatchFiles.Write(Local("one.parquet"), DataFormat.Parquet, BatchFiles.Rows(30_000), rowGroupRows: 1_000_000);
        Assert.True(new FileInfo(Local("one.parquet")).Length > 2 * RangedParquetSpool.TailBytes);

        long rows = 0;
        for (int i = 0; i < 3; i++)
        {
            _recorder.Clear();
            var summary = await RunBothWaysAsync("one.parquet", new BatchPart(i, 3));
            rows += summary.RowsWritten;
            if (i < 2)
            {
                Assert.Equal(0, summary.RowsWritten);
                Assert.Equal(2, _recorder.Ranges.Count);
            }
            else
            {
                Assert.True(_recorder.Ranges.Count > 2);
            }
        }
        Assert.Equal(30_000, rows);
    }

    [Fact]
    public void Plan_MergesNearbyChunks_SkipsFetchedBytes_AndCutsLongRuns()
    {
        var fetched = new FetchedRanges();
        fetched.Add(0, 4);
        fetched.Add(900_000, 100_000); // the tail
        var plan = RangedParquetSpool.Plan(
        [
            (4, 1000), (1004, 2000),                                   // adjacent: one range
            (3004 + RangedParquetSpool.MergeGapBytes + 1, 10),          // past the gap: its own
            (880_000, 40_000),                                         // half in the tail
            (1_000_000, 2L * RangedParquetSpool.MaxRangeBytes + 5),    // cut in three
        ], fetched);

        long big = 1_000_000;
        Assert.Equal(
        [
            (4L, 3000L),
            (3004L + RangedParquetSpool.MergeGapBytes + 1, 10L),
            (880_000L, 20_000L),
            (big, RangedParquetSpool.MaxRangeBytes),
            (big + RangedParquetSpool.MaxRangeBytes, RangedParquetSpool.MaxRangeBytes),
            (big + 2L * RangedParquetSpool.MaxRangeBytes, 5L),
        ], plan);
    }
}
