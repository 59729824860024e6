using System.IO.Compression;
using Ember.Spark;

namespace Ember.Bundles;

/// <summary>
/// The files of a bundle (or of a bare Spark directory), read whole into memory, keyed by
/// '/'-separated paths relative to the bundle root. Models are small (tens of MB at most), so
/// memory beats a temp directory: nothing to clean up, no disk quota (Lambda's /tmp), and the bytes
/// are dropped as soon as the model is loaded — only the compiled pipeline stays. Bookkeeping files
/// (any name starting with '_' or '.', and Hadoop's .crc files) are never part of a model: they are
/// left out on the way in, so they can neither be checked nor read by the loader.
/// </summary>
public sealed class BundleFiles
{
    /// <summary>A guard against a misplaced huge file being read into memory (the largest zoo model is 2.6 MB).</summary>
    public const long DefaultMaxBytes = 1L << 30;

    private readonly Dictionary<string, byte[]> _files;

    /// <param name="displayName">Where the files came from, for messages.</param>
    /// <param name="files">Paths relative to the root ('/' separated) and their bytes.</param>
    /// <param name="stripWrapperFolder">Step into a lone top folder (a bundle zipped or pushed inside its own folder).</param>
    public BundleFiles(string displayName, IDictionary<string, byte[]> files, bool stripWrapperFolder = true)
    {
        DisplayName = displayName;
        _files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, bytes) in files)
            if (!IsBookkeeping(path))
                _files[path] = bytes;
        if (stripWrapperFolder)
            StripWrapperFolders();
    }

    /// <summary>Where the files came from, for messages.</summary>
    public string DisplayName { get; }

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public long TotalBytes => _files.Values.Sum(b => (long)b.Length);

    public bool Contains(string path) => _files.ContainsKey(path);

    /// <summary>True for files that are never part of a model: '_' or '.' names (Spark's _SUCCESS, Ember's _ember_* markers) and .crc.</summary>
    public static bool IsBookkeeping(string path)
    {
        int slash = path.LastIndexOf('/');
        ReadOnlySpan<char> name = path.AsSpan(slash + 1);
        return name.Length == 0 || name[0] is '_' or '.' || name.EndsWith(".crc", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A bundle or model directory, or a .zip of one.</summary>
    public static BundleFiles Read(string path, long maxBytes = DefaultMaxBytes)
    {
        if (Directory.Exists(path))
            return FromDirectory(path, maxBytes);
        if (File.Exists(path))
            return FromZip(path, maxBytes);
        throw new BundleException(BundleErrorCode.Unreadable, path, "no such directory or .zip file.");
    }

    public static BundleFiles FromDirectory(string directory, long maxBytes = DefaultMaxBytes)
    {
        string root = Path.GetFullPath(directory);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                if (IsBookkeeping(relative))
                    continue;
                total += new FileInfo(file).Length;
                if (total > maxBytes)
                    throw new BundleException(BundleErrorCode.Unreadable, directory, $"the files add up to more than {maxBytes} bytes; refused.");
                files[relative] = File.ReadAllBytes(file);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BundleException(BundleErrorCode.Unreadable, directory, ex.Message, ex);
        }
        return new BundleFiles(root, files);
    }

    public static BundleFiles FromZip(string zipPath, long maxBytes = DefaultMaxBytes)
    {
        try
        {
            using var stream = File.OpenRead(zipPath);
            // ZipModelFileSystem already refuses zip-slip paths, zip bombs and lying entry headers.
            var zip = new ZipModelFileSystem(stream, zipPath, maxBytes);
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            Collect(zip, "", files);
            return new BundleFiles(zipPath, files);
        }
        catch (ModelLoadException ex)
        {
            throw new BundleException(BundleErrorCode.Unreadable, zipPath, ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new BundleException(BundleErrorCode.Unreadable, zipPath, ex.Message, ex);
        }
    }

    /// <summary>The files under <paramref name="folder"/> ("" = the root) as a Spark model file system.</summary>
    public IModelFileSystem ModelFileSystem(string folder) => new BundleFileSystem(this, folder);

    private static void Collect(IModelFileSystem fs, string dir, Dictionary<string, byte[]> files)
    {
        foreach (string name in fs.ListFiles(dir))
        {
            string path = ModelPath.Combine(dir, name);
            using var s = fs.OpenRead(path);
            var bytes = new byte[s.Length];
            s.ReadExactly(bytes);
            files[path] = bytes;
        }
        foreach (string sub in fs.ListDirectories(dir))
            Collect(fs, ModelPath.Combine(dir, sub), files);
    }

    /// <summary>
    /// A bundle zipped or pushed inside one folder (zip -r b.zip mybundle/) has that folder as its
    /// root: while the root holds no file and a single folder that is not a Spark stage layout,
    /// step into it.
    /// </summary>
    private void StripWrapperFolders()
    {
        while (_files.Count > 0)
        {
            string? top = null;
            foreach (string path in _files.Keys)
            {
                int slash = path.IndexOf('/');
                if (slash < 0)
                    return;
                string first = path[..(slash + 1)];
                if (top is null)
                    top = first;
                else if (top != first)
                    return;
            }
            if (top is null or "metadata/" or "stages/" or "data/")
                return;
            var inner = _files.ToDictionary(p => p.Key[top.Length..], p => p.Value, StringComparer.Ordinal);
            _files.Clear();
            foreach (var (k, v) in inner)
                _files[k] = v;
        }
    }
}
