namespace Ember.Bundles;

public enum BundleErrorCode
{
    /// <summary>The bundle cannot be read at all: not a directory or zip, too large, unreadable files.</summary>
    Unreadable,
    /// <summary>ember.json is missing a field, has a wrong value, or is not valid JSON.</summary>
    InvalidManifest,
    /// <summary>A file listed in ember.json is absent.</summary>
    MissingFile,
    /// <summary>A file's SHA-256 (or length) differs from ember.json: it changed after packing.</summary>
    ChecksumMismatch,
    /// <summary>A model file is not listed in ember.json (added after packing).</summary>
    UnlistedFile,
    /// <summary>The Spark model inside cannot be loaded or compiled.</summary>
    InvalidModel,
    /// <summary>A golden example did not reproduce its recorded output.</summary>
    ExampleMismatch,
}

/// <summary>
/// A bundle refused at pack, push or load time. The message names the bundle, and the file, the
/// example or the manifest field at fault; <see cref="Code"/> says which kind of refusal it is.
/// </summary>
public sealed class BundleException(BundleErrorCode code, string bundle, string message, Exception? inner = null)
    : Exception($"{bundle}: {message}", inner)
{
    public BundleErrorCode Code { get; } = code;

    /// <summary>Where the bundle came from (a path, or store location plus name/version).</summary>
    public string Bundle { get; } = bundle;
}
