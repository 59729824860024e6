using Ember.Spark;

namespace Ember.Bundles;

/// <summary>A read-only <see cref="IModelFileSystem"/> over one folder of <see cref="BundleFiles"/> (e.g. "model").</summary>
internal sealed class BundleFileSystem : IModelFileSystem
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "" };

    public BundleFileSystem(BundleFiles bundle, string folder)
    {
        string prefix = folder.Length == 0 ? "" : folder.TrimEnd('/') + "/";
        DisplayName = prefix.Length == 0 ? bundle.DisplayName : $"{bundle.DisplayName}/{folder}";
        foreach (var (path, bytes) in bundle.Files)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            string rel = path[prefix.Length..];
            _files[rel] = bytes;
            for (string dir = Parent(rel); dir.Length > 0 && _directories.Add(dir); dir = Parent(dir)) { }
        }
    }

    public string DisplayName { get; }

    public bool DirectoryExists(string path) => _directories.Contains(Normalize(path));

    public IReadOnlyList<string> ListFiles(string path)
    {
        string dir = Normalize(path);
        return _files.Keys.Where(k => Parent(k) == dir).Select(Name).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> ListDirectories(string path)
    {
        string dir = Normalize(path);
        return _directories.Where(d => d.Length > 0 && Parent(d) == dir).Select(Name).Order(StringComparer.Ordinal).ToArray();
    }

    public Stream OpenRead(string path) => _files.TryGetValue(Normalize(path), out var bytes)
        ? new MemoryStream(bytes, writable: false)
        : throw new FileNotFoundException($"{DisplayName}: no file '{path}'.");

    public long FileSize(string path) => _files.TryGetValue(Normalize(path), out var bytes)
        ? bytes.Length
        : throw new FileNotFoundException($"{DisplayName}: no file '{path}'.");

    private static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Normalize(string path) => path.Replace('\\', '/').Trim('/');
}
