namespace Ember.Batch;

/// <summary>
/// A job's input or output URI split into the folder a store is opened on and the object's key in
/// it: <c>s3://bucket/a/b.csv</c> → (<c>s3://bucket/a</c>, <c>b.csv</c>); a Blob URL keeps its SAS
/// query on the folder; a local path → (its directory, its file name).
/// </summary>
public sealed record ObjectLocation(string Uri, string StoreUri, string Key, string? LocalPath)
{
    public bool IsLocal => LocalPath is not null;

    /// <summary>A sibling key in the same folder (e.g. the summary beside the output).</summary>
    public string Sibling(string suffix) => Key + suffix;

    public static ObjectLocation Parse(string uri, string field)
    {
        string text = uri.Trim();
        if (text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            int q = text.IndexOf('?');
            string path = q < 0 ? text : text[..q];
            string query = q < 0 ? "" : text[q..];
            int schemeEnd = path.IndexOf("://", StringComparison.Ordinal) + 3;
            int slash = path.LastIndexOf('/');
            if (slash < schemeEnd || slash == path.Length - 1)
                throw new BatchJobException($"field '{field}' is \"{Redact(text)}\": it names a folder or a bucket, not an object", retryable: false);
            string folder = path[..slash];
            string key = System.Uri.UnescapeDataString(path[(slash + 1)..]);
            bool isBlob = !text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);
            if (isBlob && folder.Count(c => c == '/') < 3)
                throw new BatchJobException($"field '{field}' is \"{Redact(text)}\": a Blob URL needs a container and an object name", retryable: false);
            return new ObjectLocation(text, folder + query, key, null);
        }
        string local = text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && System.Uri.TryCreate(text, UriKind.Absolute, out var file)
            ? file.LocalPath
            : text.Contains("://", StringComparison.Ordinal)
                ? throw new BatchJobException($"field '{field}' is \"{text}\": use a path, file://, s3:// or an https:// Blob URL", retryable: false)
                : text;
        string full = Path.GetFullPath(local);
        if (full.EndsWith(Path.DirectorySeparatorChar) || Path.GetFileName(full).Length == 0)
            throw new BatchJobException($"field '{field}' is \"{text}\": it names a folder, not a file", retryable: false);
        return new ObjectLocation(text, Path.GetDirectoryName(full)!, Path.GetFileName(full), full);
    }

    /// <summary>For messages: never echo a SAS.</summary>
    public string Display => Redact(Uri);

    internal static string Redact(string uri)
    {
        int q = uri.IndexOf('?');
        return q < 0 ? uri : uri[..q] + "?<redacted>";
    }
}
