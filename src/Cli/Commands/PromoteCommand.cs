using System.CommandLine;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember promote &lt;name&gt; &lt;version&gt; --alias prod [--weight N]`: points an alias at a version
/// (servers pick it up within EMBER_ALIAS_REFRESH_SECONDS, no restart). With --weight the version is
/// a canary taking N% of the alias's traffic; the version it replaces serves the rest.
/// </summary>
internal static class PromoteCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Model name." };
        var version = new Argument<string>("version") { Description = "Version to serve." };
        var alias = new Option<string>("--alias") { Description = "Alias to move (default prod).", DefaultValueFactory = _ => "prod" };
        var weight = new Option<int?>("--weight") { Description = "Canary: percent of the alias's traffic (0-100) for this version; the previous version serves the rest." };
        var store = PushCommand.StoreOption();
        var command = new Command("promote", "Point an alias at a version, optionally as a weighted canary.") { name, version, alias, weight, store };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(name)!, parse.GetValue(version)!, parse.GetValue(alias)!, parse.GetValue(weight),
            parse.GetValue(store), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, Environment.GetEnvironmentVariable, ct));
        return command;
    }

    public static async Task<int> RunAsync(string name, string version, string alias, int? weight, string? storeUri,
        TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken ct)
    {
        try
        {
            using IObjectStore store = PushCommand.OpenStore(storeUri, environment);
            AliasEntry entry = await new ModelRepository(store).PromoteAsync(name, alias, version, weight, ct);
            output.WriteLine(Describe(name, alias, entry));
            return 0;
        }
        catch (Exception ex) when (PushCommand.IsUserFacing(ex))
        {
            error.WriteLine($"ember promote: {ex.Message}");
            return 1;
        }
    }

    internal static string Describe(string name, string alias, AliasEntry entry) =>
        Ember.Serving.CanaryRouting.IsSplit(entry)
            ? $"{name}@{alias} -> {entry.Previous[0]}, canary {entry.Version} at {entry.Weight}%"
            : $"{name}@{alias} -> {entry.Version}" + (entry.Previous.Count > 0 ? $" (was {entry.Previous[0]})" : "");
}
