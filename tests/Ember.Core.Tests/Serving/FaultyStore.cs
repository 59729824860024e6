using System.Collections.Concurrent;
using Ember.Storage;

namespace Ember.Core.Tests.Serving;

/// <summary>
/// Wraps a real store (file, Azurite, moto) to count what the cache asks for and to inject what
/// real life does: an outage, a download whose bytes were altered on the way, a store-detected
/// corruption, a slow first byte.
/// </summary>
internal sealed class FaultyStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentDictionary<string, int> _gets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lists = new(StringComparer.Ordinal);
    private int _notModified;

    /// <summary>Every operation fails as an unreachable store does.</summary>
    public volatile bool Down;

    /// <summary>GETs of matching keys fail as unreachable.</summary>
    public volatile Func<string, bool>? FailGet;

    /// <summary>GETs of matching keys throw the store's "corrupt download" error.</summary>
    public volatile Func<string, bool>? CorruptGet;

    /// <summary>Alters the bytes of matching keys (a corruption the store itself did not notice).</summary>
    public volatile Func<string, byte[], byte[]>? Tamper;

    /// <summary>Awaited before every GET (gates and delays).</summary>
    public volatile Func<string, Task>? BeforeGet;

    public string Location => inner.Location;

    public int Gets(string key) => _gets.GetValueOrDefault(key);

    public int Lists(string prefix) => _lists.GetValueOrDefault(prefix);

    public int NotModified => Volatile.Read(ref _notModified);

    private void ThrowIfDown(string? key)
    {
        if (Down)
            throw new ObjectStoreException(ObjectStoreErrorKind.Unavailable, Location, key, "connection refused (test outage) after 1 attempt");
    }

    /// <summary>What every read goes through, whole or ranged: counted, held by <see cref="BeforeGet"/>, then failed on cue.</summary>
    private async Task BeforeReadAsync(string key, CancellationToken cancellationToken)
    {
        _gets.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (BeforeGet is { } before)
            await before(key).WaitAsync(cancellationToken);
        ThrowIfDown(key);
        if (FailGet?.Invoke(key) == true)
            throw new ObjectStoreException(ObjectStoreErrorKind.Unavailable, Location, key, "timed out (test outage) after 1 attempt");
    }

    public async Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(key, cancellationToken);
        if (CorruptGet?.Invoke(key) == true)
            throw new ObjectStoreException(ObjectStoreErrorKind.Corrupt, Location, key, "the body is shorter than announced (test)");
        ObjectReadResult read = await inner.GetAsync(key, ifNoneMatch, cancellationToken);
        if (read.Status == ObjectReadStatus.NotModified)
            Interlocked.Increment(ref _notModified);
        if (read.Status != ObjectReadStatus.Found || Tamper is not { } tamper)
            return read;
        await using (read)
        {
            using var buffer = new MemoryStream();
            await read.Content.CopyToAsync(buffer, cancellationToken);
            byte[] bytes = tamper(key, buffer.ToArray());
            return ObjectReadResult.Found(key, new MemoryStream(bytes), read.ETag!, bytes.Length);
        }
    }

    public async Task<ObjectRangeResult> GetRangeAsync(string key, long offset, long length, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(key, cancellationToken);
        return await inner.GetRangeAsync(key, offset, length, ifMatch, cancellationToken);
    }

    public Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        _lists.AddOrUpdate(prefix, 1, (_, n) => n + 1);
        ThrowIfDown(prefix);
        return inner.ListPageAsync(prefix, options, cancellationToken);
    }

    public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(key);
        return inner.PutAsync(key, content, condition, cancellationToken);
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(key);
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(key);
        return inner.StartUploadAsync(key, cancellationToken);
    }

    public void Dispose() { /* the test owns the inner store */ }
}
