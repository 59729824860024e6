using System.Collections.Concurrent;
using Ember.Storage;

namespace Ember.Core.Tests.Batch;

/// <summary>
/// Passes every call to a real store and records the reads: whole-object GETs by key and ranged
/// reads with their offset, length and If-Match. <see cref="BeforeRange"/> runs before each ranged
/// read with its 0-based number (to change the object between two reads).
/// </summary>
internal sealed class RangeRecordingStore(IObjectStore inner) : IObjectStore
{
    private int _ranges;

    public ConcurrentQueue<string> WholeReads { get; } = new();

    public ConcurrentQueue<(string Key, long Offset, long Length, string? IfMatch)> Ranges { get; } = new();

    public Func<int, Task>? BeforeRange { get; set; }

    public long BytesRequested => Ranges.Sum(r => r.Length);

    public void Clear()
    {
        WholeReads.Clear();
        Ranges.Clear();
        _ranges = 0;
    }

    public string Location => inner.Location;

    public Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        WholeReads.Enqueue(key);
        return inner.GetAsync(key, ifNoneMatch, cancellationToken);
    }

    public async Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        int n = Interlocked.Increment(ref _ranges) - 1;
        if (BeforeRange is { } before) await before(n);
        Ranges.Enqueue((key, offset, length, ifMatch));
        return await inner.GetRangeAsync(key, offset, length, ifMatch, cancellationToken);
    }

    public Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default) =>
        inner.ListPageAsync(prefix, options, cancellationToken);

    public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default) =>
        inner.PutAsync(key, content, condition, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default) => inner.StartUploadAsync(key, cancellationToken);

    public void Dispose() { /* the test owns the inner store and reads the records after the run */ }
}
