using Ember.Batch.Input;
using Ember.Pipeline;

namespace Ember.Batch.Output;

/// <summary>
/// Writes the kept rows of each chunk (passthrough values, then the pipeline's outputs, then
/// <c>_error</c> with onError = error-column) into an <see cref="OutputBuffer"/>; the runner moves
/// the buffered bytes to the commit-last upload after each chunk.
/// </summary>
internal interface IRowSink : IDisposable
{
    void Write(SinkChunk chunk);

    /// <summary>Writes what ends the file (the Parquet footer); the buffer then holds the last bytes.</summary>
    void Finish();
}

/// <summary>What the output holds, fixed before the first row.</summary>
internal sealed record SinkLayout(IReadOnlyList<PassthroughField> Passthrough, IReadOnlyList<ColumnInfo> Outputs, bool ErrorColumn)
{
    public IEnumerable<string> ColumnNames =>
        Passthrough.Select(p => p.Name).Concat(Outputs.Select(o => o.Name)).Concat(ErrorColumn ? [BatchJob.ErrorColumnName] : []);
}

/// <summary>
/// The rows of a scored chunk to write: <see cref="Kept"/>[0..KeptCount) are frame rows in input
/// order. A kept row that is not Ok (error-column policy) gets null outputs and its reason.
/// </summary>
internal sealed class SinkChunk(Frame frame, RowChunk rows, int[] kept, int keptCount)
{
    public Frame Frame { get; } = frame;
    public RowChunk Rows { get; } = rows;
    public int[] Kept { get; } = kept;
    public int KeptCount { get; } = keptCount;

    public string? ErrorOf(int row) => Frame.States[row] == RowState.Ok ? null : Frame.Errors[row]?.ToString() ?? "the row was refused";
}
