using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ember.Storage.Registry;

/// <summary>
/// The model registry layout over any <see cref="IObjectStore"/>:
/// <code>
/// &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/...          the model files, pushed once, never overwritten
/// &lt;root&gt;/&lt;name&gt;/&lt;version&gt;/_ember_push.json   written last by a push (files, lengths, SHA-256)
/// &lt;root&gt;/&lt;name&gt;/aliases.json               {"prod": "3", "canary": {"version": "4", "weight": 10, "previous": ["3"]}}
/// </code>
/// aliases.json is changed only by compare-and-swap on its ETag (re-read and retry on conflict),
/// so concurrent promotes and rollbacks never lose each other's update. Names starting with '_'
/// or '.' are Ember's or Hadoop's bookkeeping, never model files' owners.
/// </summary>
public sealed partial class ModelRepository(IObjectStore store)
{
    public const string AliasesFile = "aliases.json";
    public const string PushManifestFile = "_ember_push.json";

    /// <summary>Present while a push is uploading; such a version is neither listed nor "latest".</summary>
    public const string PushInProgressFile = "_ember_pushing";

    /// <summary>Resolves to the highest version.</summary>
    public const string Latest = "latest";

    /// <summary>Rollback history kept per alias: enough to walk back a bad week, small enough to read every refresh.</summary>
    public const int MaxHistory = 20;

    /// <summary>Compare-and-swap attempts before reporting a conflict (each re-reads aliases.json).</summary>
    private const int MaxUpdateAttempts = 30;

    public IObjectStore Store => store;

    /// <summary>Names of the models in the store, ordinal order.</summary>
    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (ObjectEntry entry in store.ListAllAsync("", delimited: true, cancellationToken).ConfigureAwait(false))
            if (entry.IsPrefix && IsValidName(entry.Key.TrimEnd('/')))
                names.Add(entry.Key.TrimEnd('/'));
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Complete versions of <paramref name="model"/> in <see cref="VersionOrder"/> (highest last);
    /// versions still being pushed are left out. Empty when the model does not exist.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListVersionsAsync(string model, CancellationToken cancellationToken = default) =>
        (await ListModelAsync(model, int.MaxValue, cancellationToken).ConfigureAwait(false))!.Versions;

    /// <summary>
    /// One recursive listing (paged) of <paramref name="model"/>: its aliases file, versions and
    /// their files. Null when the model has more than <paramref name="maxEntries"/> keys, for
    /// callers that only want it while it is cheap.
    /// </summary>
    public async Task<ModelKeyListing?> ListModelAsync(string model, int maxEntries, CancellationToken cancellationToken = default)
    {
        ValidateName(model, model, "model name");
        var listed = new List<ObjectEntry>();
        await foreach (ObjectEntry entry in store.ListAllAsync(model + "/", delimited: false, cancellationToken).ConfigureAwait(false))
        {
            if (listed.Count == maxEntries) return null;
            listed.Add(entry);
        }
        return ModelKeyListing.From(model, listed);
    }

    /// <summary>The aliases of <paramref name="model"/> with the ETag to write them back; empty (ETag null) when none.</summary>
    public async Task<ModelAliases> ReadAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        ValidateName(model, model, "model name");
        string key = AliasesKey(model);
        var read = await store.ReadAllBytesAsync(key, 4 * 1024 * 1024, cancellationToken).ConfigureAwait(false);
        if (read is not { } found) return new ModelAliases(new Dictionary<string, AliasEntry>(StringComparer.Ordinal), null);
        Dictionary<string, AliasEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize(found.Content, RegistryJsonContext.Default.DictionaryStringAliasEntry);
        }
        catch (JsonException ex)
        {
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidAliasesFile, model,
                $"{store.Location}{key} is not a valid aliases file{Where(ex)}: {ex.Message} (expected {{\"prod\": \"3\", \"canary\": {{\"version\": \"4\", \"weight\": 10}}}})");
        }
        if (entries is null)
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidAliasesFile, model, $"{store.Location}{key} holds null instead of an object of aliases");
        return new ModelAliases(new Dictionary<string, AliasEntry>(entries, StringComparer.Ordinal), found.ETag);
    }

    /// <summary>
    /// The version that <paramref name="versionOrAlias"/> names: an alias, "latest" (highest
    /// complete version), or a version that exists.
    /// </summary>
    public async Task<string> ResolveAsync(string model, string versionOrAlias, CancellationToken cancellationToken = default)
    {
        ValidateName(model, model, "model name");
        if (versionOrAlias == Latest)
        {
            IReadOnlyList<string> versions = await ListVersionsAsync(model, cancellationToken).ConfigureAwait(false);
            return versions.Count > 0 ? versions[^1]
                : throw new ModelRegistryException(ModelRegistryErrorCode.ModelNotFound, model, $"model '{model}' has no versions in {store.Location}");
        }
        ModelAliases aliases = await ReadAliasesAsync(model, cancellationToken).ConfigureAwait(false);
        if (aliases.Entries.TryGetValue(versionOrAlias, out AliasEntry? entry)) return entry.Version;
        ValidateName(model, versionOrAlias, "version or alias");
        if (await VersionExistsAsync(model, versionOrAlias, cancellationToken).ConfigureAwait(false)) return versionOrAlias;
        throw new ModelRegistryException(ModelRegistryErrorCode.VersionNotFound, model,
            $"model '{model}' has no alias or version '{versionOrAlias}' in {store.Location}"
            + (aliases.Entries.Count > 0 ? $" (aliases: {string.Join(", ", aliases.Entries.Keys.Order(StringComparer.Ordinal))})" : ""));
    }

    /// <summary>The key prefix of a version's files: <c>name/version/</c>.</summary>
    public static string VersionPrefix(string model, string version) => $"{model}/{version}/";

    public static string AliasesKey(string model) => $"{model}/{AliasesFile}";

    /// <summary>True when the version has files and is not still being pushed.</summary>
    private async Task<bool> VersionExistsAsync(string model, string version, CancellationToken cancellationToken)
    {
        if (!await store.AnyAsync(VersionPrefix(model, version), cancellationToken).ConfigureAwait(false)) return false;
        await using ObjectReadResult marker = await store.GetAsync(VersionPrefix(model, version) + PushInProgressFile, null, cancellationToken).ConfigureAwait(false);
        return marker.Status == ObjectReadStatus.NotFound;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    internal static bool IsValidName(string name) => NamePattern().IsMatch(name) && name != Latest;

    internal static void ValidateName(string model, string name, string what)
    {
        if (!IsValidName(name))
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidName, model,
                $"'{name}' is not a valid {what}: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, and not '{Latest}'");
    }

    private static string Where(JsonException ex) => ex.LineNumber is { } line ? $" (line {line + 1})" : "";
}

/// <summary>A model's aliases and the ETag of aliases.json they were read from (null when it does not exist).</summary>
public sealed record ModelAliases(IReadOnlyDictionary<string, AliasEntry> Entries, string? ETag);
