using System.Diagnostics;
using Ember.Batch.Input;
using Ember.Batch.Output;
using Ember.Parquet;
using Ember.Pipeline;
using Ember.Serving;
using Ember.Storage;

namespace Ember.Batch;

public sealed partial class BatchRunner
{
    /// <summary>Streams the input through the pipeline into a commit-last upload; returns the input's ETag.</summary>
    private async Task<string?> ScoreAsync(BatchJob job, ServedModel model, StoreSet stores, ObjectLocation output, string target,
        RowCounters counters, BatchRunContext context, long t0, CancellationToken cancellationToken)
    {
        var pipeline = model.Pipeline;
        var plan = pipeline.DefaultPlan;
        var outputNames = new HashSet<string>(plan.Outputs.Select(o => o.Name), StringComparer.OrdinalIgnoreCase);
        if (job.OnError == OnErrorPolicy.ErrorColumn)
            outputNames.Add(BatchJob.ErrorColumnName);
        var sourceOptions = new SourceOptions(plan.RequiredInputs, job.PassesAllColumns ? [] : job.Passthrough, job.PassesAllColumns,
            outputNames, job.ChunkRows, context.NullToken, job.Part);

        var input = ObjectLocation.Parse(job.Input, "input");
        var (source, eTag) = await OpenSourceAsync(job, input, stores.For(input.StoreUri), sourceOptions, cancellationToken).ConfigureAwait(false);
        using (source)
        {
            var buffer = new OutputBuffer();
            var layout = new SinkLayout(source.PassthroughFields, plan.Outputs, job.OnError == OnErrorPolicy.ErrorColumn);
            using IRowSink sink = job.OutputFormat switch
            {
                DataFormat.Parquet => new ParquetRowSink(layout, buffer, Options.OutputRowGroupRows),
                DataFormat.Csv => new CsvRowSink(layout, buffer),
                _ => new JsonlRowSink(layout, buffer),
            };
            var upload = await stores.For(output.StoreUri).StartUploadAsync(target, cancellationToken).ConfigureAwait(false);
            await using (upload.ConfigureAwait(false))
            {
                try
                {
                    var frame = pipeline.CreateFrame(job.ChunkRows);
                    var kept = new int[job.ChunkRows];
                    string rowLabel = job.InputFormat == DataFormat.Parquet ? "row" : "line";
                    while (await source.ReadChunkAsync(frame, cancellationToken).ConfigureAwait(false) is { } chunk)
                    {
                        plan.Execute(frame);
                        int keptCount = Sift(frame, chunk, kept, job.OnError, counters, input.Display, rowLabel);
                        sink.Write(new SinkChunk(frame, chunk, kept, keptCount));
                        counters.Read += chunk.Count;
                        counters.Written += keptCount;
                        await DrainAsync(buffer, upload, cancellationToken).ConfigureAwait(false);
                        Report(context, counters, source, t0);
                    }
                    sink.Finish();
                    await DrainAsync(buffer, upload, cancellationToken).ConfigureAwait(false);
                    var committed = await upload.CompleteAsync(WriteCondition.None, cancellationToken).ConfigureAwait(false);
                    if (!committed.Succeeded)
                        throw new BatchJobException($"{output.Display}: the store refused the commit", retryable: true);
                    Report(context, counters, source, t0);
                }
                catch
                {
                    await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
        return eTag;
    }

    /// <summary>Applies the error policy to a scored chunk: the indexes of the rows to write, in order.</summary>
    private static int Sift(Frame frame, RowChunk chunk, int[] kept, OnErrorPolicy policy, RowCounters counters, string display, string rowLabel)
    {
        int k = 0;
        if (frame.AllOk)
        {
            for (int r = 0; r < chunk.Count; r++) kept[r] = r;
            return chunk.Count;
        }
        for (int r = 0; r < chunk.Count; r++)
        {
            switch (frame.States[r])
            {
                case RowState.Ok:
                    kept[k++] = r;
                    break;
                case RowState.Skipped:
                    counters.Skipped++;
                    counters.Sample(chunk.Lines[r], frame.Errors[r]);
                    break;
                default:
                    var error = frame.Errors[r];
                    if (policy == OnErrorPolicy.Fail)
                        throw new BatchJobException($"{display}, {rowLabel} {chunk.Lines[r]}, column '{error?.Column}': {error?.Message ?? "refused"}"
                            + (error?.Value is { } v ? $" (value {v})" : "") + " (onError is fail; use skip-row or error-column to go on)", retryable: false);
                    counters.Failed++;
                    counters.Sample(chunk.Lines[r], error);
                    if (policy == OnErrorPolicy.ErrorColumn)
                        kept[k++] = r;
                    break;
            }
        }
        return k;
    }

    private static async ValueTask DrainAsync(OutputBuffer buffer, IObjectUpload upload, CancellationToken cancellationToken)
    {
        if (buffer.Pending.Length == 0)
            return;
        await upload.WritePartAsync(buffer.Pending, cancellationToken).ConfigureAwait(false);
        buffer.Drained();
    }

    private static void Report(BatchRunContext context, RowCounters counters, IRowSource source, long t0) =>
        context.Progress?.Invoke(new BatchProgress(counters.Read, counters.Written, source.TotalRows, source.BytesRead, source.TotalBytes, Stopwatch.GetElapsedTime(t0)));

    private async Task<(IRowSource Source, string? ETag)> OpenSourceAsync(BatchJob job, ObjectLocation input, IObjectStore store, SourceOptions sourceOptions, CancellationToken cancellationToken)
    {
        if (job.InputFormat == DataFormat.Parquet && input.LocalPath is null)
            return await OpenRemoteParquetAsync(input, store, sourceOptions, cancellationToken).ConfigureAwait(false);
        var read = await store.GetAsync(input.Key, null, cancellationToken).ConfigureAwait(false);
        if (read.Status != ObjectReadStatus.Found)
            throw new BatchJobException($"the input {input.Display} does not exist", retryable: false);
        try
        {
            switch (job.InputFormat)
            {
                case DataFormat.Csv:
                    return (await CsvRowSource.OpenAsync(read.Content, read.Length, sourceOptions, input.Display, cancellationToken).ConfigureAwait(false), read.ETag);
                case DataFormat.Jsonl:
                    return (await JsonlRowSource.OpenAsync(read.Content, read.Length, sourceOptions, input.Display, cancellationToken).ConfigureAwait(false), read.ETag);
                default:
                    // A local file is read in place: the reader seeks in it directly.
                    await read.DisposeAsync().ConfigureAwait(false);
                    var reader = ParquetFileReader.Open(input.LocalPath!);
                    try
                    {
                        return (new ParquetRowSource(reader, sourceOptions, input.Display), read.ETag);
                    }
                    catch
                    {
                        reader.Dispose();
                        throw;
                    }
            }
        }
        catch
        {
            await read.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Parquet needs to seek: a remote input is spooled to a sparse temp file (deleted when the
    /// reader closes) holding only its footer and the column chunks this job reads
    /// (<see cref="RangedParquetSpool"/>), not the whole object.
    /// </summary>
    private async Task<(IRowSource Source, string? ETag)> OpenRemoteParquetAsync(ObjectLocation input, IObjectStore store, SourceOptions sourceOptions, CancellationToken cancellationToken)
    {
        string folder = Options.SpoolDirectory is { Length: > 0 } d ? d : Path.GetTempPath();
        string path = Path.Combine(folder, $"ember-spool-{Guid.NewGuid():N}.parquet");
        FileStream? file = null;
        try
        {
            // Unbuffered: ranges are written through the handle at their offsets while the reader
            // reads through the stream, and a read buffer could hold holes read before a fill.
            file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
            var (source, eTag) = await RangedParquetSpool.OpenAsync(store, input, sourceOptions, file, cancellationToken).ConfigureAwait(false);
            return (source, eTag);
        }
        catch (IOException ex) when (ex is not EndOfStreamException)
        {
            file?.Dispose();
            throw new BatchJobException($"could not spool {input.Display} to {folder}: {ex.Message} (set {Configuration.EmberSettings.BatchSpoolDirectory} to a folder with room)", retryable: true, ex);
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }
}
