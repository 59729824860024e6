using System.IO.Compression;

namespace Ember.Spark;

/// <summary>
/// A saved model inside a .zip, read fully into memory after checking every entry: no absolute
/// paths, no "..", bounded entry count and sizes (a zip bomb is refused, not expanded). When the
/// zip holds a single top-level folder (zip -r model.zip model/), that folder is the root.
/// </summary>
public sealed class ZipModelFileSystem : IModelFileSystem
{
    public const int MaxEntries = 100_000;
    public const long MaxTotalBytes = 2L * 1024 * 1024 * 1024;

    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "" };

    public ZipModelFileSystem(Stream zip, string displayName, long maxTotalBytes = MaxTotalBytes)
    {
        DisplayName = displayName;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelLoadException("", $"{displayName} is not a valid zip file: {ex.Message}", ex);
        }
        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
                throw new ModelLoadException("", $"{displayName} has {archive.Entries.Count} entries, more than the {MaxEntries} allowed.");
            long total = 0;
            var raw = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                string name = entry.FullName.Replace('\\', '/');
                if (name.StartsWith('/') || name.Contains(':') || name.Split('/').Any(p => p == ".."))
                    throw new ModelLoadException("", $"{displayName}: entry '{entry.FullName}' has an absolute or parent path; refused.");
                if (name.EndsWith('/'))
                {
                    raw.TryAdd(name, []);
                    continue;
                }
                if (entry.Length < 0 || entry.Length > maxTotalBytes - total)
                    throw new ModelLoadException("", $"{displayName}: entries expand beyond {maxTotalBytes} bytes; refused.");
                total += entry.Length;
                raw[name] = ReadEntry(entry, displayName);
            }
            string prefix = CommonRoot(raw.Keys);
            foreach (var (name, bytes) in raw)
            {
                string rel = name[prefix.Length..];
                if (rel.Length == 0 || rel.EndsWith('/'))
                {
                    AddDirectories(rel.TrimEnd('/'));
                    continue;
                }
                _files[rel] = bytes;
                int slash = rel.LastIndexOf('/');
                AddDirectories(slash < 0 ? "" : rel[..slash]);
            }
        }
    }

    public string DisplayName { get; }

    public bool DirectoryExists(string path) => _directories.Contains(Normalize(path));

    public IReadOnlyList<string> ListFiles(string path)
    {
        string dir = Normalize(path);
        return _files.Keys.Where(k => Parent(k) == dir).Select(k => k[(k.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> ListDirectories(string path)
    {
        string dir = Normalize(path);
        return _directories.Where(d => d.Length > 0 && Parent(d) == dir).Select(d => d[(d.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToArray();
    }

    public Stream OpenRead(string path) =>
        _files.TryGetValue(Normalize(path), out var bytes)
            ? new MemoryStream(bytes, writable: false)
            : throw new FileNotFoundException($"{DisplayName}: no file '{path}'.");

    public long FileSize(string path) =>
        _files.TryGetValue(Normalize(path), out var bytes) ? bytes.Length : throw new FileNotFoundException($"{DisplayName}: no file '{path}'.");

    private static byte[] ReadEntry(ZipArchiveEntry entry, string displayName)
    {
        // The declared length is checked against the budget; the real stream is capped at it too,
        // since a crafted header can understate what the deflate stream expands to.
        var buffer = new byte[entry.Length];
        using var s = entry.Open();
        int read = 0;
        while (read < buffer.Length)
        {
            int n = s.Read(buffer, read, buffer.Length - read);
            if (n == 0)
                throw new ModelLoadException("", $"{displayName}: entry '{entry.FullName}' is shorter than its header says.");
            read += n;
        }
        if (s.ReadByte() != -1)
            throw new ModelLoadException("", $"{displayName}: entry '{entry.FullName}' is longer than its header says; refused.");
        return buffer;
    }

    private void AddDirectories(string dir)
    {
        while (dir.Length > 0 && _directories.Add(dir))
            dir = Parent(dir);
    }

    private static string CommonRoot(IEnumerable<string> names)
    {
        string? first = null;
        foreach (var n in names)
        {
            int slash = n.IndexOf('/');
            if (slash < 0)
                return "";
            string top = n[..(slash + 1)];
            if (first is null)
                first = top;
            else if (first != top)
                return "";
        }
        // A lone top folder that is itself a stage layout (metadata/ at the top) is not a wrapper.
        return first is null || first == "metadata/" || first == "stages/" || first == "data/" ? "" : first;
    }

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Normalize(string path) => path.Replace('\\', '/').Trim('/');
}
