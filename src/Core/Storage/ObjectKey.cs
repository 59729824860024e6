namespace Ember.Storage;

/// <summary>Rules every store applies to keys, so a key valid on one store is valid on all.</summary>
internal static class ObjectKey
{
    /// <summary>S3's limit is 1024 bytes; Blob's is 1024 characters: keep to the smaller.</summary>
    public const int MaxUtf8Bytes = 1024;

    /// <summary>Throws <see cref="ObjectStoreErrorKind.InvalidKey"/> unless <paramref name="key"/> is a/b/c with sane segments.</summary>
    public static void Validate(string location, string key)
    {
        string? problem = Problem(key, allowTrailingSlash: false);
        if (problem is not null)
            throw new ObjectStoreException(ObjectStoreErrorKind.InvalidKey, location, key, problem);
    }

    /// <summary>A list prefix may be empty or end in '/' or in a partial segment; it may not escape.</summary>
    public static void ValidatePrefix(string location, string prefix)
    {
        if (prefix.Length == 0) return;
        string? problem = Problem(prefix, allowTrailingSlash: true);
        if (problem is not null)
            throw new ObjectStoreException(ObjectStoreErrorKind.InvalidKey, location, prefix, problem);
    }

    /// <summary>"" or "a/b/" from a configured root prefix (slashes trimmed, then one appended).</summary>
    public static string NormalizeRoot(string? prefix)
    {
        string trimmed = (prefix ?? "").Trim('/');
        return trimmed.Length == 0 ? "" : trimmed + "/";
    }

    private static string? Problem(string key, bool allowTrailingSlash)
    {
        if (key.Length == 0) return "the key is empty";
        if (System.Text.Encoding.UTF8.GetByteCount(key) > MaxUtf8Bytes) return $"the key is longer than {MaxUtf8Bytes} bytes";
        if (key[0] == '/') return "the key starts with '/'";
        foreach (char c in key)
        {
            if (char.IsControl(c)) return "the key contains a control character";
            if (c == '\\') return "the key contains '\\' (use '/' between segments)";
        }
        string[] segments = key.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            string s = segments[i];
            bool last = i == segments.Length - 1;
            if (s.Length == 0 && !(last && allowTrailingSlash)) return "the key has an empty segment ('//' or a trailing '/')";
            if (s is "." or "..") return "the key has a '.' or '..' segment";
        }
        return null;
    }
}
