namespace Ember.Spark;

/// <summary>A saved model in a local directory.</summary>
public sealed class DirectoryModelFileSystem : IModelFileSystem
{
    private readonly string _root;

    public DirectoryModelFileSystem(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
            throw new ModelLoadException("", $"model directory '{root}' does not exist.");
    }

    public string DisplayName => _root;

    public bool DirectoryExists(string path) => Directory.Exists(Full(path));

    public IReadOnlyList<string> ListFiles(string path) =>
        Directory.Exists(Full(path))
            ? Directory.GetFiles(Full(path)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];

    public IReadOnlyList<string> ListDirectories(string path) =>
        Directory.Exists(Full(path))
            ? Directory.GetDirectories(Full(path)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];

    public Stream OpenRead(string path) => File.OpenRead(Full(path));

    public long FileSize(string path) => new FileInfo(Full(path)).Length;

    private string Full(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        // Paths come from the model's own metadata (stage uids): never let one escape the root.
        if (!full.StartsWith(_root, StringComparison.Ordinal))
            throw new ModelLoadException(path, "path escapes the model directory.");
        return full;
    }
}
