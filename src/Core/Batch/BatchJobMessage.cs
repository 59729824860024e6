using System.Text.Json.Serialization;

namespace Ember.Batch;

/// <summary>
/// The batch job message (queue body or direct invocation), as documented in docs/batch.md and
/// docs/job.schema.json. Unknown fields are refused so a typo ("outptu") is an error, not a no-op.
/// </summary>
/// <param name="Model">Model name in the store.</param>
/// <param name="Alias">Alias to score with (default "prod" when defined, else the latest version).</param>
/// <param name="Version">Explicit version; not together with <paramref name="Alias"/>.</param>
/// <param name="Input">Local path, s3://bucket/key or a Blob URL.</param>
/// <param name="Output">Where the scored rows go (same forms as the input).</param>
/// <param name="InputFormat">parquet, csv or jsonl; from the input's extension when absent.</param>
/// <param name="OutputFormat">parquet, csv or jsonl; from the output's extension when absent.</param>
/// <param name="Passthrough">Input columns copied to the output; ["*"] copies every input column.</param>
/// <param name="ChunkRows">Rows scored per chunk (memory bound); default 65536.</param>
/// <param name="OnError">fail (default), skip-row or error-column.</param>
/// <param name="JobId">Idempotency key; derived from the message when absent.</param>
/// <param name="Part">Which part of a split input this job scores.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BatchJobMessage(
    string? Model,
    string? Alias,
    string? Version,
    string? Input,
    string? Output,
    string? InputFormat,
    string? OutputFormat,
    IReadOnlyList<string>? Passthrough,
    int? ChunkRows,
    string? OnError,
    string? JobId,
    BatchPart? Part);

/// <summary>Part <paramref name="Index"/> (0-based) of <paramref name="Count"/> equal parts of the input.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BatchPart(int Index, int Count);
