using Ember.Pipeline;

namespace Ember.Batch.Input;

/// <summary>
/// Reads an input in chunks: each call fills a frame's input slots (rows whose cells cannot be
/// read are marked Failed with the column and the reason) and the chunk's passthrough values.
/// </summary>
internal interface IRowSource : IDisposable
{
    /// <summary>The passthrough columns every chunk carries, in output order.</summary>
    IReadOnlyList<PassthroughField> PassthroughFields { get; }

    /// <summary>Rows in the whole input (or part) when known up front (Parquet).</summary>
    long? TotalRows { get; }

    /// <summary>Bytes of the input read so far and in all (for progress on text inputs).</summary>
    long BytesRead { get; }
    long? TotalBytes { get; }

    /// <summary>The next chunk (the frame is reset to its row count), or null at the end.</summary>
    ValueTask<RowChunk?> ReadChunkAsync(Frame frame, CancellationToken cancellationToken);
}

/// <summary>How a source is to read: what the plan needs, what to copy, how big a chunk is.</summary>
/// <param name="Inputs">The raw columns the scoring plan reads.</param>
/// <param name="Passthrough">Columns to copy (empty for none).</param>
/// <param name="AllColumns">Copy every input column (except those named like an output).</param>
/// <param name="OutputNames">Names the output already uses: excluded from "*", refused when named explicitly.</param>
/// <param name="ChunkRows">Rows per chunk (the frame's capacity).</param>
/// <param name="NullToken">A text cell equal to this is null (CSV), besides the empty cell.</param>
/// <param name="Part">The part of the input to read, for a split job.</param>
internal sealed record SourceOptions(
    IReadOnlyList<InputColumn> Inputs,
    IReadOnlyList<string> Passthrough,
    bool AllColumns,
    IReadOnlySet<string> OutputNames,
    int ChunkRows,
    string? NullToken = null,
    BatchPart? Part = null)
{
    /// <summary>The passthrough names from a known header: "*" expands, explicit names must exist.</summary>
    public IReadOnlyList<string> ResolvePassthrough(IReadOnlyList<string> columns, string display)
    {
        if (AllColumns)
            return columns.Where(c => !OutputNames.Contains(c)).ToArray();
        foreach (string name in Passthrough)
        {
            if (OutputNames.Contains(name))
                throw new BatchJobException($"passthrough column '{name}' has the name of an output column; leave it out or rename it", retryable: false);
            if (!columns.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new BatchJobException($"{display} has no column '{name}' to pass through (columns: {Columns(columns)})", retryable: false);
        }
        return Passthrough.Select(p => columns.First(c => string.Equals(c, p, StringComparison.OrdinalIgnoreCase))).ToArray();
    }

    /// <summary>The position of an input in a header, or a job error naming the missing column.</summary>
    public static int FindInput(IReadOnlyList<string> columns, string name, string display)
    {
        for (int i = 0; i < columns.Count; i++)
            if (columns[i] == name) return i;
        for (int i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new BatchJobException($"{display} has no column '{name}', which the model reads (columns: {Columns(columns)})", retryable: false);
    }

    private static string Columns(IReadOnlyList<string> columns) =>
        columns.Count <= 20 ? string.Join(", ", columns) : string.Join(", ", columns.Take(20)) + $", ... ({columns.Count} in all)";
}

/// <summary>One chunk: its row count, each row's line (or row number) and the passthrough values.</summary>
internal sealed class RowChunk(int count, long[] lines, PassthroughColumn[] passthrough)
{
    public int Count { get; } = count;

    /// <summary>Per row: the file line (CSV/JSONL) or the 1-based row number (Parquet).</summary>
    public long[] Lines { get; } = lines;

    public PassthroughColumn[] Passthrough { get; } = passthrough;
}
