using System.CommandLine;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Cli.Commands;

/// <summary>`ember models [--store uri]`: every model with its versions and aliases (canaries with their weight).</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var store = PushCommand.StoreOption();
        var command = new Command("models", "List the models in the store: names, versions (lowest first) and aliases.") { store };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(store), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            Environment.GetEnvironmentVariable, ct));
        return command;
    }

    public static async Task<int> RunAsync(string? storeUri, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken ct)
    {
        try
        {
            using IObjectStore store = PushCommand.OpenStore(storeUri, environment);
            var repository = new ModelRepository(store);
            IReadOnlyList<string> names = await repository.ListModelsAsync(ct);
            if (names.Count == 0)
                output.WriteLine($"no models in {store.Location}");
            foreach (string name in names)
            {
                IReadOnlyList<string> versions = await repository.ListVersionsAsync(name, ct);
                ModelAliases aliases = await repository.ReadAliasesAsync(name, ct);
                output.WriteLine(name);
                output.WriteLine($"  versions: {(versions.Count == 0 ? "(none complete)" : string.Join(", ", versions))}");
                foreach (AliasListing alias in ModelCache.ToListings(aliases.Entries))
                    output.WriteLine(alias.CanaryVersion is null
                        ? $"  {alias.Alias} -> {alias.Version}"
                        : $"  {alias.Alias} -> {alias.Version}, canary {alias.CanaryVersion} at {alias.CanaryWeight}%");
            }
            return 0;
        }
        catch (Exception ex) when (PushCommand.IsUserFacing(ex))
        {
            error.WriteLine($"ember models: {ex.Message}");
            return 1;
        }
    }
}
