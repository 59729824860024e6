using System.Text.Json;
using Ember.Api;
using Ember.Bundles;
using Ember.Pipeline;
using Ember.Serving;
using Ember.Spark;

namespace Ember.Cli;

/// <summary>
/// A model given on the command line by path: a saved Spark model directory, a .zip of one, or a
/// bundle (a folder with ember.json and model/). Compiled with the declared schema when given.
/// </summary>
internal static class LocalModels
{
    public static ServedModel Load(string path, string? schemaFile)
    {
        var declared = schemaFile is null ? null : SparkSchema.ToTypeMap(SparkSchema.Parse(File.ReadAllText(schemaFile)));
        string manifestPath = Path.Combine(path, BundleManifest.FileName);
        BundleManifest? manifest = null;
        string modelPath = path;
        if (File.Exists(manifestPath))
        {
            try
            {
                manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), EmberJsonContext.Default.BundleManifest);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{manifestPath} is not a valid bundle manifest: {ex.Message}", ex);
            }
            modelPath = Path.Combine(path, BundleManifest.ModelFolder);
        }
        var model = SparkModelLoader.CreateDefault().Load(modelPath);
        string name = manifest?.Name ?? Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        return new ServedModel(name, manifest?.Version ?? "local", model, model.Compile(declared), manifest);
    }

    /// <summary>Exceptions that mean "this model or schema cannot be used", reported as one line.</summary>
    public static bool IsUserError(Exception ex) =>
        ex is ModelLoadException or PipelineCompileException or FormatException or IOException or UnauthorizedAccessException;
}
