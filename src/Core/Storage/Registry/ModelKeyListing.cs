namespace Ember.Storage.Registry;

/// <summary>
/// One recursive listing of a model's keys: its aliases file if there is one, its complete
/// versions (highest last) and each version's entries. A cold start reads this once instead of
/// asking for aliases.json, the versions and the chosen version's files one after another.
/// </summary>
public sealed class ModelKeyListing
{
    private readonly Dictionary<string, List<ObjectEntry>> _files;

    private ModelKeyListing(ObjectEntry? aliases, IReadOnlyList<string> versions, Dictionary<string, List<ObjectEntry>> files)
    {
        Aliases = aliases;
        Versions = versions;
        _files = files;
    }

    /// <summary>aliases.json as listed (its ETag and length), or null when the model has none.</summary>
    public ObjectEntry? Aliases { get; }

    /// <summary>Complete versions in <see cref="VersionOrder"/>; versions still being pushed are left out.</summary>
    public IReadOnlyList<string> Versions { get; }

    /// <summary>Every entry under a complete version's prefix (bookkeeping files included), keys relative to the store root.</summary>
    public bool TryGetEntries(string version, out IReadOnlyList<ObjectEntry> entries)
    {
        bool found = _files.TryGetValue(version, out List<ObjectEntry>? list);
        entries = list ?? [];
        return found;
    }

    /// <summary>Groups the entries listed under <c>model/</c>.</summary>
    internal static ModelKeyListing From(string model, IEnumerable<ObjectEntry> listed)
    {
        string prefix = model + "/";
        ObjectEntry? aliases = null;
        var files = new Dictionary<string, List<ObjectEntry>>(StringComparer.Ordinal);
        var pushing = new HashSet<string>(StringComparer.Ordinal);
        foreach (ObjectEntry entry in listed)
        {
            if (entry.IsPrefix || !entry.Key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = entry.Key[prefix.Length..];
            int slash = rest.IndexOf('/');
            if (slash < 0)
            {
                if (rest == ModelRepository.AliasesFile) aliases = entry;
                continue; // other files beside the versions
            }
            string version = rest[..slash];
            if (slash == 0 || !ModelRepository.IsValidName(version)) continue;
            if (!files.TryGetValue(version, out List<ObjectEntry>? list))
                files[version] = list = [];
            list.Add(entry);
            if (rest.AsSpan(slash + 1).SequenceEqual(ModelRepository.PushInProgressFile)) pushing.Add(version);
        }
        foreach (string version in pushing)
            files.Remove(version);
        return new ModelKeyListing(aliases, VersionOrder.Sort(files.Keys), files);
    }
}
