namespace Ember.Spark;

/// <summary>
/// Read-only view of a saved model's files, with '/'-separated paths relative to the model root
/// ("" is the root). Implemented over a directory and over a .zip; bundles from object stores
/// are materialized as one of these.
/// </summary>
public interface IModelFileSystem
{
    /// <summary>Human-readable location for errors.</summary>
    string DisplayName { get; }

    bool DirectoryExists(string path);

    /// <summary>Names (not paths) of the files directly inside <paramref name="path"/>, sorted ordinally.</summary>
    IReadOnlyList<string> ListFiles(string path);

    /// <summary>Names of the sub-directories directly inside <paramref name="path"/>, sorted ordinally.</summary>
    IReadOnlyList<string> ListDirectories(string path);

    /// <summary>Opens a file for reading; the stream is seekable.</summary>
    Stream OpenRead(string path);

    /// <summary>Size of a file in bytes.</summary>
    long FileSize(string path);
}

/// <summary>Path helpers for <see cref="IModelFileSystem"/>.</summary>
public static class ModelPath
{
    public static string Combine(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a.TrimEnd('/') + "/" + b;
}
