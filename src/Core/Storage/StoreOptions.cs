namespace Ember.Storage;

/// <summary>Retry, timeout and part-size settings shared by the remote stores.</summary>
public sealed record StoreOptions
{
    public static StoreOptions Default { get; } = new();

    /// <summary>Retries after the first attempt for transient failures (5xx, 408, 429, connection errors, timeouts).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; doubles per retry, with jitter. 4 retries from 250 ms wait about 4 s in all.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Per attempt, until the response headers arrive. A body is then streamed under the caller's
    /// token only, so a large model download is not cut by this timeout.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP connect timeout: a black-holed endpoint fails fast instead of waiting for the OS.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes buffered per uploaded part/block. S3 needs at least 5 MiB for every part but the last.</summary>
    public int UploadPartBytes { get; init; } = 8 * 1024 * 1024;
}
