namespace Ember.Storage;

public sealed partial class FileStore
{
    /// <summary>How long a writer waits for another process holding the lock before giving up.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Takes the in-process gate, then the exclusive lock file (FileShare.None is an flock on
    /// Unix, so other processes writing the same directory wait too).
    /// </summary>
    private async Task<FileLock> LockAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate = Gates.GetOrAdd(_root, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_lockPath)!);
            DateTime deadline = DateTime.UtcNow + LockWait;
            while (true)
            {
                try
                {
                    var file = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new FileLock(gate, file);
                }
                catch (IOException ex) when (DateTime.UtcNow < deadline && ex is not DirectoryNotFoundException)
                {
                    await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    throw new ObjectStoreException(ObjectStoreErrorKind.Unavailable, _root, key,
                        $"the store's lock file {_lockPath} stayed locked by another process for {LockWait.TotalSeconds:0} s", ex);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private sealed class FileLock(SemaphoreSlim gate, FileStream file) : IDisposable
    {
        public void Dispose()
        {
            file.Dispose();
            gate.Release();
        }
    }
}
