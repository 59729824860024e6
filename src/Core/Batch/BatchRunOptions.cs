using Ember.Storage;

namespace Ember.Batch;

/// <summary>How the runner reaches storage and where it spools; one per host.</summary>
public sealed record BatchRunnerOptions
{
    /// <summary>Opens the store for a folder URI (a path, s3://bucket/prefix, a Blob container URL).</summary>
    public required Func<string, IObjectStore> OpenStore { get; init; }

    /// <summary>
    /// Where a Parquet input from a remote store is spooled (Parquet needs to seek): a sparse temp
    /// file holding only the footer and the column chunks the job reads, fetched by ranges, so
    /// disk use is bounded by what a part reads, not by the input's size. Default: the system temp
    /// folder (/tmp on Lambda: 512 MB by default, up to 10 GB of ephemeral storage).
    /// </summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>Rows per row group of a Parquet output: the writer holds one in memory.</summary>
    public int OutputRowGroupRows { get; init; } = 262_144;

    /// <summary>Write <c>&lt;output&gt;._ember.json</c> and honour an existing one (off for `ember score`).</summary>
    public bool Summaries { get; init; } = true;

    /// <summary>Opens stores with ObjectStoreFactory and the process environment.</summary>
    public static BatchRunnerOptions FromEnvironment() => new()
    {
        OpenStore = uri => ObjectStoreFactory.FromUri(uri, Environment.GetEnvironmentVariable),
        SpoolDirectory = Environment.GetEnvironmentVariable(Configuration.EmberSettings.BatchSpoolDirectory),
    };
}

/// <summary>Per run: where the message came from, progress reporting and CLI-only parsing options.</summary>
public sealed record BatchRunContext
{
    public string? MessageId { get; init; }
    public int DeliveryCount { get; init; } = 1;

    /// <summary>Called after each chunk (and once at the end).</summary>
    public Action<BatchProgress>? Progress { get; init; }

    /// <summary>A CSV cell equal to this is null (besides the empty cell).</summary>
    public string? NullToken { get; init; }
}

/// <summary>Progress of a running job. Totals are known for Parquet (rows) and for text inputs (bytes).</summary>
public readonly record struct BatchProgress(long RowsRead, long RowsWritten, long? TotalRows, long BytesRead, long? TotalBytes, TimeSpan Elapsed)
{
    /// <summary>Done fraction 0..1 when a total is known.</summary>
    public double? Fraction => TotalRows is > 0 and { } rows ? Math.Min(1.0, (double)RowsRead / rows)
        : TotalBytes is > 0 and { } bytes ? Math.Min(1.0, (double)BytesRead / bytes) : null;
}
