using System.Collections.Concurrent;

namespace Ember.Storage;

/// <summary>
/// A local directory as an object store. Writes go to a temp file under <c>&lt;root&gt;/.ember/tmp</c>
/// and are renamed into place while holding <c>&lt;root&gt;/.ember/lock</c> (an exclusive file
/// lock, so other processes on the same directory serialize too): readers never see a partial
/// object and conditional writes are a real compare-and-swap.
/// </summary>
/// <remarks>
/// The ETag is the length and the last-write time in 100 ns ticks. Every commit sets the new
/// file's time strictly after the replaced one's, so two quick writes of the same length still get
/// different ETags even where the file system clock is coarse.
/// </remarks>
public sealed partial class FileStore : IObjectStore
{
    internal const string InternalFolder = ".ember";

    /// <summary>One in-process gate per root, so threads queue instead of spinning on the file lock.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly string _root;
    private readonly string _tempDirectory;
    private readonly string _lockPath;

    public FileStore(string rootDirectory)
    {
        _root = Path.GetFullPath(rootDirectory);
        _tempDirectory = Path.Combine(_root, InternalFolder, "tmp");
        _lockPath = Path.Combine(_root, InternalFolder, "lock");
    }

    public string Location => _root;

    public Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (OpenForReading(key, FileOptions.SequentialScan) is not { } stream)
            return Task.FromResult(ObjectReadResult.NotFound(key));

        // Length and time come from the open handle: a rename replacing the file after this point
        // does not change what this reader sees.
        long length = RandomAccess.GetLength(stream.SafeFileHandle);
        string eTag = ETagOf(length, File.GetLastWriteTimeUtc(stream.SafeFileHandle));
        if (ifNoneMatch is not null && ifNoneMatch == eTag)
        {
            stream.Dispose();
            return Task.FromResult(ObjectReadResult.NotModified(key, eTag));
        }
        var verifying = new VerifyingReadStream(stream, _root, key, length, expectedMd5: null);
        return Task.FromResult(ObjectReadResult.Found(key, verifying, eTag, length));
    }

    /// <summary>
    /// Opens an object's file for reading, or null when there is none. Others may still write,
    /// rename over or delete the path meanwhile: the open handle keeps the version it opened.
    /// </summary>
    private FileStream? OpenForReading(string key, FileOptions options)
    {
        string path = PathOf(key);
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous | options,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(key, ex);
        }
    }

    public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        string target = PathOf(key);
        string temp = NewTempPath();
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content.Span);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw Failure(key, ex);
        }
        return CommitAsync(temp, key, target, condition, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        string path = PathOf(key);
        using FileLock held = await LockAsync(key, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            RemoveEmptyParents(Path.GetDirectoryName(path)!);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(key, ex);
        }
    }

    public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        string target = PathOf(key);
        string temp = NewTempPath();
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            return Task.FromResult<IObjectUpload>(new FileUpload(this, key, target, temp, stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(key, ex);
        }
    }

    public void Dispose() { }

    /// <summary>Moves a finished temp file to its key under the lock, checking the write condition first.</summary>
    internal async Task<ObjectWriteResult> CommitAsync(string temp, string key, string target, WriteCondition condition, CancellationToken cancellationToken)
    {
        try
        {
            using FileLock held = await LockAsync(key, cancellationToken).ConfigureAwait(false);
            var current = new FileInfo(target);
            if (condition.IfNotExists && current.Exists)
                return ObjectWriteResult.PreconditionFailed;
            if (condition.IfMatch is { } expected && (!current.Exists || ETagOf(current.Length, current.LastWriteTimeUtc) != expected))
                return ObjectWriteResult.PreconditionFailed;

            DateTime stamp = DateTime.UtcNow;
            if (current.Exists && stamp <= current.LastWriteTimeUtc) stamp = current.LastWriteTimeUtc.AddTicks(1);
            File.SetLastWriteTimeUtc(temp, stamp);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            var written = new FileInfo(target);
            return ObjectWriteResult.Written(ETagOf(written.Length, written.LastWriteTimeUtc));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(key, ex);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    internal static string ETagOf(long length, DateTime lastWriteUtc) => $"\"{length:x}-{lastWriteUtc.Ticks:x}\"";

    internal ObjectStoreException Failure(string key, Exception ex) => new(
        ex is UnauthorizedAccessException ? ObjectStoreErrorKind.AccessDenied : ObjectStoreErrorKind.Failed,
        _root, key, ex.Message, ex);

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* best effort: temp files are ignored by listings */ }
    }

    private string PathOf(string key)
    {
        ObjectKey.Validate(_root, key);
        if (key == InternalFolder || key.StartsWith(InternalFolder + "/", StringComparison.Ordinal))
            throw new ObjectStoreException(ObjectStoreErrorKind.InvalidKey, _root, key, $"keys under '{InternalFolder}/' are reserved for the file store's own use");
        return Path.Combine(_root, key);
    }

    private string NewTempPath()
    {
        Directory.CreateDirectory(_tempDirectory);
        return Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N") + ".part");
    }

    private void RemoveEmptyParents(string directory)
    {
        while (directory.Length > _root.Length && directory.StartsWith(_root, StringComparison.Ordinal)
               && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory)!;
        }
    }
}
