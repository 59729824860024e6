using System.CommandLine;
using Ember.Monitoring;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember report &lt;name&gt; --store &lt;uri&gt; -o report.html`: the status page's charts for the
/// merged snapshots of all instances, as one self-contained HTML file for review.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Model name (its folder in the store)." };
        var store = MonitorCommand.StoreOption();
        var since = MonitorCommand.SinceOption();
        var version = new Option<string?>("--version") { Description = "Only this version." };
        var output = new Option<string>("--output", "-o") { Description = "The HTML file to write.", DefaultValueFactory = _ => "report.html" };
        var command = new Command("report", "Write a self-contained HTML report of drift, unseen rates and latency from the store's monitoring snapshots.")
            { name, store, since, version, output };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(name)!, parse.GetValue(store)!, parse.GetValue(since)!, parse.GetValue(version),
            parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    internal static async Task<int> RunAsync(string name, string storeUri, string since, string? version, string path,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var result = await MonitorCommand.LoadAsync("report", name, storeUri, since, version, error, ct).ConfigureAwait(false);
        if (result is null)
            return 2;
        try
        {
            string title = $"Ember report: {name} (last {since}, {result.Snapshots} snapshots, generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)";
            await File.WriteAllTextAsync(path, StatusPage.Report(result.View, title), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ember report: cannot write '{path}': {ex.Message}");
            return 2;
        }
        foreach (var p in result.Problems)
            error.WriteLine($"ember report: warning: {p}");
        output.WriteLine($"ember report: wrote {path} ({result.View.Versions.Count} version(s), {result.Snapshots} snapshot(s))");
        return 0;
    }
}
