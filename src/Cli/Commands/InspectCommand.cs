using System.CommandLine;
using System.Text.Json;
using Ember.Api;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Cli;

/// <summary>`ember inspect &lt;model&gt; [--json]`: Spark version, stages and params, input schema, outputs.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A saved Spark model directory, or a .zip of one." };
        var json = new Option<bool>("--json") { Description = "Print the description as JSON." };
        var schema = new Option<string?>("--schema") { Description = "A Spark StructType JSON (df.schema.json()) giving the input column types." };
        var command = new Command("inspect", "Describe a saved Spark model: stages, resolved params, input schema, outputs.") { model, json, schema };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(json), parse.GetValue(schema)));
        return command;
    }

    private static int Run(string path, bool asJson, string? schemaFile)
    {
        try
        {
            var loaded = Ember.MLeap.ModelLoader.Load(path);
            var declared = schemaFile is null ? null : SparkSchema.ToTypeMap(SparkSchema.Parse(File.ReadAllText(schemaFile)));
            var description = PipelineDescription.Of(loaded, loaded.Compile(declared));
            if (asJson)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(description, EmberJsonContext.Default.PipelineDescription));
                return 0;
            }
            Print(description);
            return 0;
        }
        catch (Exception ex) when (ex is ModelLoadException or PipelineCompileException or FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ember inspect: {ex.Message}");
            return 2;
        }
    }

    private static void Print(PipelineDescription d)
    {
        var o = Console.Out;
        o.WriteLine($"model:   {d.Source}");
        o.WriteLine($"spark:   {d.SparkVersion} ({d.RootClass})");
        o.WriteLine($"stages:  {d.Stages.Count}");
        for (int i = 0; i < d.Stages.Count; i++)
        {
            var s = d.Stages[i];
            o.WriteLine($"  {i,2}. {s.Class} {s.Uid}{(s.Outputs.Count > 0 ? " -> " + string.Join(", ", s.Outputs) : "")}");
            foreach (var (k, v) in s.Params)
                o.WriteLine($"        {k} = {(v.Length > 100 ? v[..100] + "..." : v)}");
        }
        o.WriteLine("inputs:");
        foreach (var i in d.Inputs)
            o.WriteLine($"  {i.Name}: {i.Type}{(i.VectorSize is { } n ? $"({n})" : "")}{(i.Nullable ? "" : " not null")}  (read by {i.ReadBy})");
        o.WriteLine("outputs: " + string.Join(", ", d.Outputs.Select(c => $"{c.Name}: {c.Type}")));
    }
}
