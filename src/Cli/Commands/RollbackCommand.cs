using System.CommandLine;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Cli.Commands;

/// <summary>`ember rollback &lt;name&gt; --alias prod`: points the alias back at the version it served before the last promote.</summary>
internal static class RollbackCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Model name." };
        var alias = new Option<string>("--alias") { Description = "Alias to roll back (default prod).", DefaultValueFactory = _ => "prod" };
        var store = PushCommand.StoreOption();
        var command = new Command("rollback", "Point an alias back at the version it served before the last promote.") { name, alias, store };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(name)!, parse.GetValue(alias)!, parse.GetValue(store),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, Environment.GetEnvironmentVariable, ct));
        return command;
    }

    public static async Task<int> RunAsync(string name, string alias, string? storeUri, TextWriter output, TextWriter error,
        Func<string, string?> environment, CancellationToken ct)
    {
        try
        {
            using IObjectStore store = PushCommand.OpenStore(storeUri, environment);
            AliasEntry entry = await new ModelRepository(store).RollbackAsync(name, alias, ct);
            output.WriteLine("rolled back: " + PromoteCommand.Describe(name, alias, entry));
            return 0;
        }
        catch (Exception ex) when (PushCommand.IsUserFacing(ex))
        {
            error.WriteLine($"ember rollback: {ex.Message}");
            return 1;
        }
    }
}
