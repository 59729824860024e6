namespace Ember.Batch;

/// <summary>
/// What a job did, written as <c>&lt;output&gt;._ember.json</c> beside its output (and returned to the
/// host). A succeeded summary is written after the output is committed and marks the job done: a
/// redelivered message with the same job id is then a no-op. A failed summary records why (it
/// never blocks a later run).
/// </summary>
public sealed record BatchSummary
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public required string JobId { get; init; }
    public required string Status { get; init; }
    public string? Model { get; init; }
    public string? ModelVersion { get; init; }
    public string? Input { get; init; }
    public string? InputETag { get; init; }
    public string? Output { get; init; }
    public string? OutputFormat { get; init; }
    public BatchPart? Part { get; init; }
    public long RowsRead { get; init; }
    public long RowsWritten { get; init; }

    /// <summary>Rows a stage with handleInvalid = skip dropped (as Spark drops them).</summary>
    public long RowsSkipped { get; init; }

    /// <summary>Rows refused (bad cell or a stage error): left out (skip-row) or written with _error (error-column).</summary>
    public long RowsFailed { get; init; }

    /// <summary>The first few refused or dropped rows, in input order.</summary>
    public IReadOnlyList<BatchRowError> Errors { get; init; } = [];

    public DateTimeOffset StartedAt { get; init; }
    public double DurationMs { get; init; }

    /// <summary>Why a failed job failed.</summary>
    public string? Error { get; init; }

    /// <summary>For a failed job: whether delivering the message again may succeed.</summary>
    public bool? Retryable { get; init; }

    public string? MessageId { get; init; }
    public int? DeliveryCount { get; init; }

    /// <summary>True when this run found the job already committed and did nothing.</summary>
    public bool? AlreadyCommitted { get; init; }
}

/// <summary>
/// One refused or dropped row. <paramref name="Line"/> is the file line for CSV and JSONL (the
/// header is line 1 of a CSV) and the 1-based row number for Parquet.
/// </summary>
public sealed record BatchRowError(long Line, string Column, string Code, string Message);

/// <summary>
/// <c>&lt;output&gt;/_manifest.json</c> of a split job: written (create-only) by the part that finds
/// every part committed, so it appears once, last.
/// </summary>
public sealed record BatchManifest(string Output, int PartCount, IReadOnlyList<BatchManifestPart> Parts, long RowsRead, long RowsWritten, DateTimeOffset CompletedAt);

/// <summary>A committed part: its output key (relative to the output's folder), job id and row counts.</summary>
public sealed record BatchManifestPart(int Index, string Output, string JobId, long RowsRead, long RowsWritten);
