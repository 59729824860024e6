using System.Text.Json;

namespace Ember.Storage.Registry;

public sealed partial class ModelRepository
{
    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/> (which must exist), remembering
    /// the version it pointed at for <see cref="RollbackAsync"/>. <paramref name="weight"/> makes it a
    /// canary taking that percentage of traffic; null serves all of it.
    /// </summary>
    public Task<AliasEntry> PromoteAsync(string model, string alias, string version, int? weight = null, CancellationToken cancellationToken = default)
    {
        ValidateName(model, model, "model name");
        ValidateName(model, alias, "alias");
        ValidateName(model, version, "version");
        if (weight is < 0 or > 100)
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidArgument, model, $"weight {weight} is outside 0..100 (percent of traffic)");
        return PromoteCheckedAsync(model, alias, version, weight, cancellationToken);
    }

    private async Task<AliasEntry> PromoteCheckedAsync(string model, string alias, string version, int? weight, CancellationToken cancellationToken)
    {
        if (!await VersionExistsAsync(model, version, cancellationToken).ConfigureAwait(false))
            throw new ModelRegistryException(ModelRegistryErrorCode.VersionNotFound, model,
                $"cannot point '{model}@{alias}' at version '{version}': {store.Location}{VersionPrefix(model, version)} has no complete model");

        return await UpdateAliasesAsync(model, entries =>
        {
            if (!entries.TryGetValue(alias, out AliasEntry? current))
                return entries[alias] = new AliasEntry(version, weight, []);
            if (current.Version == version)
                return entries[alias] = current with { Weight = weight }; // re-weighting is not a new version
            var history = new List<string>(MaxHistory) { current.Version };
            history.AddRange(current.Previous.Take(MaxHistory - 1));
            return entries[alias] = new AliasEntry(version, weight, history);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points <paramref name="alias"/> back at the version it pointed at before the last promote.</summary>
    public Task<AliasEntry> RollbackAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        ValidateName(model, model, "model name");
        ValidateName(model, alias, "alias");
        return UpdateAliasesAsync(model, entries =>
        {
            if (!entries.TryGetValue(alias, out AliasEntry? current))
                throw new ModelRegistryException(ModelRegistryErrorCode.AliasNotFound, model, $"model '{model}' has no alias '{alias}' to roll back");
            if (current.Previous.Count == 0)
                throw new ModelRegistryException(ModelRegistryErrorCode.NoAliasHistory, model,
                    $"'{model}@{alias}' has no earlier version to roll back to (it has pointed at '{current.Version}' since it was created)");
            // The weight stays: rolling back a 10% canary keeps it a 10% canary.
            return entries[alias] = new AliasEntry(current.Previous[0], current.Weight, current.Previous.Skip(1).ToList());
        }, cancellationToken);
    }

    /// <summary>
    /// Read-modify-write of aliases.json guarded by its ETag (create-only when absent). A lost race
    /// re-reads and re-applies <paramref name="change"/>, so no concurrent update is lost.
    /// </summary>
    private async Task<AliasEntry> UpdateAliasesAsync(string model, Func<Dictionary<string, AliasEntry>, AliasEntry> change, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            ModelAliases current = await ReadAliasesAsync(model, cancellationToken).ConfigureAwait(false);
            var entries = new Dictionary<string, AliasEntry>(current.Entries, StringComparer.Ordinal);
            AliasEntry result = change(entries);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, AliasEntry>(entries, StringComparer.Ordinal),
                RegistryJsonContext.Default.SortedDictionaryStringAliasEntry);
            ObjectWriteResult write = await store.PutAsync(AliasesKey(model), json, WriteCondition.ForVersion(current.ETag), cancellationToken).ConfigureAwait(false);
            if (write.Succeeded) return result;
            // Someone else wrote in between: back off a little (jittered, so racers spread out) and redo.
            int ceiling = Math.Min(500, 10 << Math.Min(attempt, 6));
            await Task.Delay(Random.Shared.Next(ceiling / 2, ceiling), cancellationToken).ConfigureAwait(false);
        }
        throw new ModelRegistryException(ModelRegistryErrorCode.ConcurrentUpdate, model,
            $"{store.Location}{AliasesKey(model)} kept changing under {MaxUpdateAttempts} attempts to update it; try again");
    }
}
