using System.CommandLine;
using System.Text.Json;
using Ember.Bundles;
using Ember.Monitoring;
using Ember.Pipeline;
using Ember.Storage.Registry;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember pack &lt;model&gt; --name N --version V [--examples rows.jsonl] [--baseline sample] -o &lt;bundle&gt;`: a
/// Spark model directory (or .zip) becomes a bundle with ember.json (schema, outputs, examples,
/// checksums, and the training baseline drift is measured against).
/// </summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A saved Spark model directory, a .zip of one, or a bundle to re-pack." };
        var name = new Option<string>("--name") { Description = "Model name (the store folder).", Required = true };
        var version = new Option<string>("--version") { Description = "Version label, e.g. 3 or 2026-01-05.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Bundle to write: a new directory, or a path ending in .zip.", Required = true };
        var examples = new Option<string?>("--examples")
        {
            Description = "JSON Lines of examples: an input row per line (its outputs are scored and recorded), or {\"input\": {...}, \"output\": {...}} to check given outputs ({\"output\": null}: the row must be refused).",
        };
        var description = new Option<string?>("--description") { Description = "Free text stored in ember.json." };
        var training = new Option<string?>("--training") { Description = "A JSON file of training metadata (dataset snapshot, metrics, owner) stored as is." };
        var schema = new Option<string?>("--schema") { Description = "A Spark StructType JSON (df.schema.json()) giving the input column types." };
        var blas = new Option<string?>("--blas") { Description = "The BLAS the Spark run used when not its version's default: f2j, java8, java11 or vector." };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "A training sample (.parquet or a Spark folder of parts, .csv with a header row, .jsonl) to profile as the drift baseline (docs/monitoring.md).",
        };
        var command = new Command("pack", "Pack a Spark model into a bundle: ember.json with input schema, default outputs, examples and every file's SHA-256.")
        {
            model, name, version, output, examples, description, training, schema, blas, baseline,
        };
        command.SetAction(parse => Run(parse.GetValue(model)!, new Arguments(parse.GetValue(name)!, parse.GetValue(version)!, parse.GetValue(output)!,
                parse.GetValue(examples), parse.GetValue(description), parse.GetValue(training), parse.GetValue(schema), parse.GetValue(blas), parse.GetValue(baseline)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal sealed record Arguments(string Name, string Version, string Output, string? Examples = null, string? Description = null,
        string? Training = null, string? Schema = null, string? Blas = null, string? Baseline = null);

    public static int Run(string model, Arguments args, TextWriter output, TextWriter error)
    {
        try
        {
            BaselineResult? profiled = null;
            var options = new PackOptions(args.Name, args.Version, args.Description,
                args.Examples is null ? null : BundleWriter.ReadExamples(args.Examples),
                args.Schema is null ? null : SparkSchema.ToTypeMap(SparkSchema.Parse(File.ReadAllText(args.Schema))),
                args.Training is null ? null : ReadJson(args.Training),
                args.Blas,
                Baseline: args.Baseline is not { } sample ? null : pipeline =>
                {
                    profiled = BaselineBuilder.Build(pipeline, sample);
                    return BaselineCodec.ToJsonElement(profiled.Baseline);
                });
            BundleManifest manifest = new BundleWriter().Pack(model, options, args.Output);
            output.WriteLine($"packed {manifest.Name} {manifest.Version} (Spark {manifest.SparkVersion}) into {args.Output}");
            output.WriteLine($"  inputs:   {string.Join(", ", manifest.InputSchema.Select(c => $"{c.Name}: {c.Type}"))}");
            output.WriteLine($"  outputs:  {string.Join(", ", manifest.Outputs)}");
            output.WriteLine($"  examples: {manifest.Examples.Count}, files: {manifest.Files.Count} ({manifest.Files.Sum(f => f.Bytes)} bytes)");
            if (profiled is { } result)
            {
                output.WriteLine($"  baseline: {result.Baseline.Rows} rows of {args.Baseline} profiled ({result.Baseline.Inputs.Count} inputs, {result.Baseline.Outputs.Count} outputs), {result.Baseline.RejectedRows} left out");
                foreach (string problem in result.Problems)
                    error.WriteLine($"ember pack: baseline: {problem}");
            }
            return 0;
        }
        catch (Exception ex) when (ex is BundleException or BaselineException or ModelRegistryException or FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"ember pack: {ex.Message}");
            return 1;
        }
    }

    private static JsonElement ReadJson(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"--training {path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
