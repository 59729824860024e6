namespace Ember.Batch;

/// <summary>A validated job: every field resolved (formats, policy, chunk size, job id).</summary>
public sealed record BatchJob(
    string JobId,
    string Model,
    string? Alias,
    string? Version,
    string Input,
    string Output,
    DataFormat InputFormat,
    DataFormat OutputFormat,
    IReadOnlyList<string> Passthrough,
    int ChunkRows,
    OnErrorPolicy OnError,
    BatchPart? Part)
{
    public const int DefaultChunkRows = 65_536;

    /// <summary>A chunk is one frame in memory; beyond this a job would hold more than it should.</summary>
    public const int MaxChunkRows = 1 << 20;

    /// <summary>The largest split: beyond this a part is smaller than the fixed cost of a job.</summary>
    public const int MaxParts = 10_000;

    /// <summary>Passthrough meaning "every input column".</summary>
    public const string AllColumns = "*";

    /// <summary>The column holding the reason with <see cref="OnErrorPolicy.ErrorColumn"/>.</summary>
    public const string ErrorColumnName = "_error";

    public bool PassesAllColumns => Passthrough.Count == 1 && Passthrough[0] == AllColumns;
}
