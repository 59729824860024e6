using System.Diagnostics;
using Ember.Batch.Input;
using Ember.Pipeline;
using Ember.Serving;
using Ember.Storage;

namespace Ember.Batch;

/// <summary>What `ember bench` prints: single-row latency and batch throughput of one model on one input.</summary>
public sealed record BenchResult(string Model, int Rows, long SingleRowCalls, double P50Us, double P99Us, long BatchRows, double BatchRowsPerSecond);

/// <summary>
/// Measures a model on sample rows from a file: single-row latency (bind a row's plain values
/// into a one-row frame, run the plan, read the outputs back, as the HTTP API does per row) and
/// batch throughput (the plan over a whole chunk, inputs already bound, as the batch runner does).
/// </summary>
public static class BatchBenchmark
{
    public const int MaxSampleRows = 65_536;

    public static async Task<BenchResult> RunAsync(ServedModel model, string input, DataFormat format, TimeSpan duration, string? nullToken, CancellationToken cancellationToken)
    {
        var pipeline = model.Pipeline;
        var plan = pipeline.DefaultPlan;
        var frame = pipeline.CreateFrame(MaxSampleRows);
        var options = new SourceOptions(plan.RequiredInputs, [], false, new HashSet<string>(), MaxSampleRows, nullToken);
        var location = ObjectLocation.Parse(input, "input");
        RowChunk chunk;
        using (var store = new Storage.FileStore(location.StoreUri))
        {
            var read = await store.GetAsync(location.Key, null, cancellationToken).ConfigureAwait(false);
            if (read.Status != ObjectReadStatus.Found)
                throw new BatchJobException($"the input {input} does not exist", retryable: false);
            IRowSource source = format switch
            {
                DataFormat.Csv => await CsvRowSource.OpenAsync(read.Content, read.Length, options, input, cancellationToken).ConfigureAwait(false),
                DataFormat.Jsonl => await JsonlRowSource.OpenAsync(read.Content, read.Length, options, input, cancellationToken).ConfigureAwait(false),
                _ => OpenParquet(read, location.LocalPath!, options),
            };
            using (source)
                chunk = await source.ReadChunkAsync(frame, cancellationToken).ConfigureAwait(false)
                    ?? throw new BatchJobException($"the input {input} has no rows", retryable: false);
        }
        int rows = chunk.Count;
        for (int r = 0; r < rows; r++)
            if (!frame.IsOk(r))
                throw new BatchJobException($"{input}: row at line {chunk.Lines[r]} cannot be read: {frame.Errors[r]}", retryable: false);

        // Plain values per row, as a request body would give them.
        var inputs = plan.RequiredInputs;
        var values = new object?[rows][];
        for (int r = 0; r < rows; r++)
        {
            values[r] = new object?[inputs.Count];
            for (int k = 0; k < inputs.Count; k++)
                values[r][k] = FrameValues.Get(frame.Columns[inputs[k].Slot], r);
        }
        var savedNulls = inputs.Select(i => frame.Columns[i.Slot].Nulls.AsSpan(0, rows).ToArray()).ToArray();

        TimeSpan half = duration / 2;
        var latencies = new List<long>(1 << 16);
        long started = Stopwatch.GetTimestamp();
        for (long i = 0; Stopwatch.GetElapsedTime(started) < half || i < 100; i++)
        {
            long t = Stopwatch.GetTimestamp();
            ScoreOne(pipeline, plan, values[i % rows]);
            latencies.Add(Stopwatch.GetTimestamp() - t);
        }
        latencies.Sort();
        double ticksPerUs = Stopwatch.Frequency / 1e6;

        long batchRows = 0;
        started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < half || batchRows == 0)
        {
            frame.Reset(rows);
            for (int k = 0; k < inputs.Count; k++)
                savedNulls[k].CopyTo(frame.Columns[inputs[k].Slot].Nulls, 0);
            plan.Execute(frame);
            batchRows += rows;
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new BenchResult(model.Name, rows, latencies.Count,
            Math.Round(latencies[latencies.Count / 2] / ticksPerUs, 2),
            Math.Round(latencies[(int)Math.Min(latencies.Count - 1, latencies.Count * 0.99)] / ticksPerUs, 2),
            batchRows, Math.Round(batchRows / seconds));
    }

    private static IRowSource OpenParquet(ObjectReadResult read, string path, SourceOptions options)
    {
        read.Dispose();
        return new ParquetRowSource(Parquet.ParquetFileReader.Open(path), options, path);
    }

    private static void ScoreOne(CompiledPipeline pipeline, ScoringPlan plan, object?[] row)
    {
        var frame = pipeline.RentFrame(1);
        try
        {
            var inputs = plan.RequiredInputs;
            for (int k = 0; k < inputs.Count; k++)
                FrameValues.TrySet(frame.Columns[inputs[k].Slot], 0, row[k]);
            plan.Execute(frame);
            foreach (var o in plan.Outputs)
                _ = FrameValues.Get(frame.Columns[o.Slot], 0);
        }
        finally
        {
            pipeline.ReturnFrame(frame);
        }
    }
}
