using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ember.Api;
using Ember.Monitoring;
using Ember.Storage;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember monitor &lt;name&gt; --store &lt;uri&gt;`: merges the monitoring snapshots every serving
/// instance flushed to the store and prints drift, unseen and out-of-range rates per column
/// against each version's training baseline. With --prune-older-than it deletes old snapshots
/// instead (<see cref="MonitorPrune"/>).
/// </summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Model name (its folder in the store)." };
        var store = StoreOption();
        var since = SinceOption();
        var version = new Option<string?>("--version") { Description = "Only this version." };
        var json = new Option<bool>("--json") { Description = "Print the merged view as JSON (the shape of GET /api/models/{name}/monitor)." };
        var prune = new Option<string?>("--prune-older-than")
        {
            Description = "Instead of printing: delete the snapshots whose window ended longer ago than this (1d, 30d, 72h; at least a day).",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --prune-older-than: print what would be deleted, delete nothing." };
        var command = new Command("monitor", "Merge the monitoring snapshots of all instances: drift per column, unseen rates, latency; or prune old ones.")
        {
            name, store, since, version, json, prune, dryRun,
        };
        command.SetAction((parse, ct) => parse.GetValue(prune) is { } olderThan
            ? MonitorPrune.RunAsync(parse.GetValue(name)!, parse.GetValue(store)!, olderThan, parse.GetValue(dryRun), Environment.GetEnvironmentVariable,
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct)
            : parse.GetValue(dryRun)
                ? DryRunAlone(parse.InvocationConfiguration.Error)
                : RunAsync(parse.GetValue(name)!, parse.GetValue(store)!, parse.GetValue(since)!, parse.GetValue(version),
                    parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Task<int> DryRunAlone(TextWriter error)
    {
        error.WriteLine("ember monitor: --dry-run goes with --prune-older-than <duration>");
        return Task.FromResult(2);
    }

    internal static Option<string> StoreOption() => new("--store")
    {
        Description = "The model store: a directory, s3://bucket/prefix or a blob container URL (default: EMBER_MODEL_STORE).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(Configuration.EmberSettings.ModelStore) ?? "",
    };

    internal static Option<string> SinceOption() => new("--since")
    {
        Description = "How far back: 30m, 24h, 7d (default 24h).",
        DefaultValueFactory = _ => "24h",
    };

    internal static async Task<int> RunAsync(string name, string storeUri, string since, string? version, bool asJson,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var result = await LoadAsync("monitor", name, storeUri, since, version, error, ct).ConfigureAwait(false);
        if (result is null)
            return 2;
        if (asJson)
            output.WriteLine(JsonSerializer.Serialize(result.View, EmberJsonContext.Default.ModelMonitorView));
        else
            Print(result, output);
        foreach (var p in result.Problems)
            error.WriteLine($"ember monitor: warning: {p}");
        return 0;
    }

    /// <summary>The merged view, or null after printing why it cannot be read.</summary>
    internal static async Task<StoreMonitorResult?> LoadAsync(string verb, string name, string storeUri, string since, string? version,
        TextWriter error, CancellationToken ct)
    {
        if (!TryParseSpan(since, out var span))
        {
            error.WriteLine($"ember {verb}: --since '{since}' is not a duration such as 30m, 24h or 7d");
            return null;
        }
        try
        {
            using var store = ObjectStoreFactory.FromUri(storeUri, Environment.GetEnvironmentVariable);
            var result = await StoreMonitorReader.ReadAsync(store, name, DateTimeOffset.UtcNow - span, version, ct).ConfigureAwait(false);
            if (result.Snapshots == 0)
                error.WriteLine($"ember {verb}: no monitoring snapshots for '{name}' in {store.Location} over the last {since} (instances flush one per window to {name}/{SnapshotStore.Folder}/)");
            return result;
        }
        catch (ObjectStoreException ex)
        {
            error.WriteLine($"ember {verb}: {ex.Message}");
            return null;
        }
    }

    internal static bool TryParseSpan(string text, out TimeSpan span)
    {
        span = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
            return false;
        span = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.Zero,
        };
        return span > TimeSpan.Zero;
    }

    private static void Print(StoreMonitorResult result, TextWriter o)
    {
        var view = result.View;
        o.WriteLine($"{view.Name}: {result.Snapshots} snapshot(s)");
        foreach (var a in view.Aliases)
            o.WriteLine($"  alias {a.Alias} -> {a.Version}{(a.CanaryWeight is { } w ? $" ({w}%)" : "")}");
        foreach (var v in view.Versions)
        {
            o.WriteLine();
            o.WriteLine($"version {v.Version}{(v.Aliases.Count > 0 ? " (" + string.Join(", ", v.Aliases) + ")" : "")}: "
                + $"{v.WindowStart:yyyy-MM-dd HH:mm} .. {v.WindowEnd:yyyy-MM-dd HH:mm} UTC, {v.Instances} instance(s), "
                + $"{v.Requests} requests, {v.Rows} rows ({v.FailedRows} failed, {v.SkippedRows} skipped)"
                + (v.BaselineRows is { } b ? $", baseline {b} rows" : ", no baseline"));
            if (v.Latency.Count > 0)
                o.WriteLine(FormattableString.Invariant($"  latency ms: p50 {v.Latency.P50}  p90 {v.Latency.P90}  p99 {v.Latency.P99}  max {v.Latency.Max}"));
            o.WriteLine($"  {"column",-24} {"kind",-12} {"rows",9} {"null%",7} {"unseen%",8} {"range%",7} {"psi",7} {"js",6}  level");
            foreach (var c in v.Inputs.Concat(v.Outputs))
                o.WriteLine($"  {Cut(c.Name, 24),-24} {c.Kind,-12} {c.Rows,9} {Pct(c.NullRate),7} {Pct(c.UnseenRate),8} {Pct(c.OutOfRangeRate),7} {Num(c.Psi),7} {Num(c.JsDistance),6}  {c.Level}{(c.Detail is { } d ? $" ({d})" : "")}");
        }
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    private static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Num(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
