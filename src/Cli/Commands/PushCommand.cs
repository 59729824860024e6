using System.CommandLine;
using Ember.Bundles;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember push &lt;bundle&gt; [--store uri]`: checks the bundle as the server will (checksums,
/// examples) and uploads it as name/version. Name and version come from ember.json; a bare Spark
/// directory needs --name and --version.
/// </summary>
internal static class PushCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "A bundle directory or .zip (from `ember pack`), or a bare Spark model directory." };
        var name = new Option<string?>("--name") { Description = "Model name; default the bundle's." };
        var version = new Option<string?>("--version") { Description = "Version; default the bundle's." };
        var store = StoreOption();
        var command = new Command("push", "Verify a bundle and upload it to the model store as a new, immutable version.") { bundle, name, version, store };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(bundle)!, parse.GetValue(name), parse.GetValue(version), parse.GetValue(store),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, Environment.GetEnvironmentVariable, ct));
        return command;
    }

    public static async Task<int> RunAsync(string bundle, string? name, string? version, string? storeUri,
        TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken ct)
    {
        try
        {
            LoadedBundle loaded = BundleLoader.Default.Load(bundle);
            if (loaded.Manifest is { } manifest)
            {
                if (name is not null && name != manifest.Name || version is not null && version != manifest.Version)
                    throw new FormatException($"{bundle} is {manifest.Name} version {manifest.Version}; --name/--version may not differ (re-pack it instead).");
                (name, version) = (manifest.Name, manifest.Version);
            }
            else if (name is null || version is null)
            {
                throw new FormatException($"{bundle} has no ember.json: give --name and --version (or pack it first with `ember pack`).");
            }
            using IObjectStore store = OpenStore(storeUri, environment);
            PushResult pushed = await new ModelRepository(store).PushAsync(name, version, bundle, ct);
            output.WriteLine($"pushed {pushed.Model} {pushed.Version} to {store.Location} ({pushed.FileCount} files, {pushed.TotalBytes} bytes)");
            if (loaded.Manifest is null)
                output.WriteLine("  note: no ember.json, so no checksums or examples are checked when it loads; `ember pack` adds them.");
            return 0;
        }
        catch (Exception ex) when (IsUserFacing(ex))
        {
            error.WriteLine($"ember push: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The --store option every registry command shares.</summary>
    internal static Option<string?> StoreOption() => new("--store")
    {
        Description = "Model store: a directory, file://, s3://bucket/prefix or a Blob container URL. Default: EMBER_MODEL_STORE, "
            + "else samples/models of the repository the current directory is in, else ./samples/models.",
    };

    internal static IObjectStore OpenStore(string? storeUri, Func<string, string?> environment) =>
        ObjectStoreFactory.FromUri(ModelStoreLocation.Resolve(storeUri, environment, Directory.GetCurrentDirectory()), environment);

    /// <summary>Failures the user can act on: printed as one line, not a stack trace.</summary>
    internal static bool IsUserFacing(Exception ex) =>
        ex is BundleException or ModelRegistryException or ObjectStoreException or FormatException or IOException or UnauthorizedAccessException;
}
