namespace Ember.Storage;

public enum ObjectStoreErrorKind
{
    /// <summary>The store could not be reached or kept failing (connection refused, timeouts, 5xx, 429) after bounded retries.</summary>
    Unavailable,
    /// <summary>Credentials were refused or lack permission (401/403).</summary>
    AccessDenied,
    /// <summary>The store is set up wrongly: unknown bucket/container, bad URI, missing credentials.</summary>
    Misconfigured,
    /// <summary>A download ended early or its bytes do not match the stored length/MD5.</summary>
    Corrupt,
    /// <summary>The key is not a valid object key (empty segment, "..", control characters).</summary>
    InvalidKey,
    /// <summary>The store answered something this client does not understand.</summary>
    Failed,
    /// <summary>A ranged read asked for bytes past the end of the object.</summary>
    RangeNotSatisfiable,
}

/// <summary>
/// A storage failure a caller cannot fix by retrying at once. The message names the store
/// location and the key; <see cref="Kind"/> lets callers map it (Unavailable → 503, etc.).
/// </summary>
public sealed class ObjectStoreException : Exception
{
    public ObjectStoreException(ObjectStoreErrorKind kind, string location, string? key, string problem, Exception? inner = null)
        : base(Compose(kind, location, key, problem), inner)
    {
        Kind = kind;
        Location = location;
        Key = key;
    }

    public ObjectStoreErrorKind Kind { get; }
    public string Location { get; }
    public string? Key { get; }

    private static string Compose(ObjectStoreErrorKind kind, string location, string? key, string problem) =>
        string.IsNullOrEmpty(key)
            ? $"Store {location}: {Describe(kind)}: {problem}"
            : $"Store {location}, key '{key}': {Describe(kind)}: {problem}";

    private static string Describe(ObjectStoreErrorKind kind) => kind switch
    {
        ObjectStoreErrorKind.Unavailable => "store unavailable",
        ObjectStoreErrorKind.AccessDenied => "access denied",
        ObjectStoreErrorKind.Misconfigured => "misconfigured",
        ObjectStoreErrorKind.Corrupt => "corrupt or truncated data",
        ObjectStoreErrorKind.InvalidKey => "invalid key",
        ObjectStoreErrorKind.RangeNotSatisfiable => "range not satisfiable",
        _ => "request failed",
    };
}
