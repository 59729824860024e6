using System.Text.Json;
using Ember.Api;
using Ember.Storage;

namespace Ember.Batch;

/// <summary>
/// The commit protocol's bookkeeping beside the output: the summary (<c>&lt;output&gt;._ember.json</c>)
/// that marks a job done, and the manifest of a split job. The output itself is committed by the
/// store's commit-last upload before the summary is written, so a summary never points at nothing.
/// </summary>
internal static class BatchCommit
{
    public const string SummarySuffix = "._ember.json";
    public const string ManifestName = "_manifest.json";

    /// <summary>The output key of a job: the output's own key, or &lt;output&gt;/part-NNNNN.ext for a part.</summary>
    public static string TargetKey(BatchJob job, ObjectLocation output) =>
        job.Part is { } part ? $"{output.Key}/part-{part.Index:D5}{DataFormats.Extension(job.OutputFormat)}" : output.Key;

    public static async Task<(BatchSummary? Summary, string? ETag)> ReadSummaryAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        var read = await store.ReadAllBytesAsync(key, 4 * 1024 * 1024, cancellationToken).ConfigureAwait(false);
        if (read is not { } found)
            return (null, null);
        try
        {
            return (JsonSerializer.Deserialize(found.Content, EmberJsonContext.Default.BatchSummary), found.ETag);
        }
        catch (JsonException)
        {
            return (null, found.ETag); // a damaged summary marks nothing: the job runs and replaces it
        }
    }

    /// <summary>
    /// Writes the summary: over <paramref name="previousETag"/> (a failed summary) or create-only.
    /// False when another run wrote one first.
    /// </summary>
    public static async Task<bool> WriteSummaryAsync(IObjectStore store, string key, BatchSummary summary, string? previousETag, CancellationToken cancellationToken)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(summary, EmberJsonContext.Default.BatchSummary);
        var result = await store.PutAsync(key, json, WriteCondition.ForVersion(previousETag), cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    /// <summary>
    /// After a part commits: when every part's summary says succeeded, writes the manifest
    /// (create-only, so of parts finishing together exactly one writes it). Returns true when it exists.
    /// </summary>
    public static async Task<bool> TryWriteManifestAsync(IObjectStore store, ObjectLocation output, int partCount, CancellationToken cancellationToken)
    {
        string folder = output.Key + "/";
        var summaries = new List<string>();
        await foreach (var entry in store.ListAllAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (entry.Key.EndsWith(SummarySuffix, StringComparison.Ordinal) && entry.Key[folder.Length..].StartsWith("part-", StringComparison.Ordinal))
                summaries.Add(entry.Key);
        if (summaries.Count < partCount)
            return false;
        var parts = new List<BatchManifestPart>();
        foreach (string key in summaries)
        {
            var (summary, _) = await ReadSummaryAsync(store, key, cancellationToken).ConfigureAwait(false);
            if (summary is not { Status: BatchSummary.Succeeded, Part: { } part } || part.Count != partCount)
                continue;
            parts.Add(new BatchManifestPart(part.Index, key[folder.Length..^SummarySuffix.Length], summary.JobId, summary.RowsRead, summary.RowsWritten));
        }
        parts.Sort((a, b) => a.Index.CompareTo(b.Index));
        if (parts.Select(p => p.Index).Distinct().Count() != partCount)
            return false;
        var manifest = new BatchManifest(output.Display, partCount, parts, parts.Sum(p => p.RowsRead), parts.Sum(p => p.RowsWritten), DateTimeOffset.UtcNow);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(manifest, EmberJsonContext.Default.BatchManifest);
        await store.PutAsync(folder + ManifestName, json, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
