namespace Ember.Storage;

public sealed partial class FileStore
{
    public Task<ObjectListPage> ListPageAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(_root, prefix);
        int slash = prefix.LastIndexOf('/');
        string directory = slash < 0 ? _root : Path.Combine(_root, prefix[..slash]);
        var entries = new List<ObjectEntry>();
        try
        {
            if (Directory.Exists(directory))
                Collect(directory, prefix, options.Delimited, entries, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure(prefix, ex);
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        int start = 0;
        if (options.ContinuationToken is { } after)
            while (start < entries.Count && string.CompareOrdinal(entries[start].Key, after) <= 0) start++;
        int size = options.EffectivePageSize;
        int count = Math.Min(size, entries.Count - start);
        List<ObjectEntry> page = entries.GetRange(start, count);
        string? next = start + count < entries.Count ? page[^1].Key : null;
        return Task.FromResult(new ObjectListPage(page, next));
    }

    private void Collect(string directory, string prefix, bool delimited, List<ObjectEntry> entries, CancellationToken cancellationToken)
    {
        var seenPrefixes = new HashSet<string>(StringComparer.Ordinal);
        var search = delimited ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories;
        string internalRoot = Path.Combine(_root, InternalFolder);
        foreach (string path in Directory.EnumerateFileSystemEntries(directory, "*", search))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path == internalRoot || path.StartsWith(internalRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue;
            string key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (Directory.Exists(path))
            {
                // Object stores have no empty directories: a folder counts only if a file is under it.
                if (delimited && seenPrefixes.Add(key) && Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Any())
                    entries.Add(new ObjectEntry(key + "/", 0, null, null, IsPrefix: true));
                continue;
            }
            var info = new FileInfo(path);
            entries.Add(new ObjectEntry(key, info.Length, ETagOf(info.Length, info.LastWriteTimeUtc),
                new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), IsPrefix: false));
        }
    }
}
