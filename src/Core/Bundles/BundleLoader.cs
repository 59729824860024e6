using System.Security.Cryptography;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Bundles;

/// <summary>
/// Loads a bundle — ember.json plus the Spark model under model/ — or a bare Spark model directory,
/// from a local directory, a .zip, or files already fetched from a store. A bundle is refused unless
/// every file matches its SHA-256 in ember.json, no model file was added, the model compiles with
/// the manifest's input schema, and every example reproduces. A bare Spark directory loads with its
/// schema derived from the stages and no examples to check.
/// </summary>
public sealed class BundleLoader(SparkModelLoader? sparkLoader = null)
{
    private readonly SparkModelLoader _spark = sparkLoader ?? SparkModelLoader.CreateDefault();

    public static BundleLoader Default { get; } = new();

    /// <summary>A bundle or Spark model directory, or a .zip of one.</summary>
    public LoadedBundle Load(string path) => Load(BundleFiles.Read(path));

    public LoadedBundle Load(BundleFiles files)
    {
        string bundle = files.DisplayName;
        BundleManifest? manifest = null;
        IModelFileSystem modelFiles;
        if (files.Files.TryGetValue(BundleManifest.FileName, out byte[]? json))
        {
            manifest = BundleJson.Read(bundle, json);
            VerifyFiles(files, manifest);
            modelFiles = files.ModelFileSystem(BundleManifest.ModelFolder);
            if (!modelFiles.DirectoryExists("metadata"))
                throw new BundleException(BundleErrorCode.InvalidModel, bundle,
                    $"has {BundleManifest.FileName} but no Spark model in {BundleManifest.ModelFolder}/ (expected {BundleManifest.ModelFolder}/metadata/part-00000).");
        }
        else
        {
            modelFiles = files.ModelFileSystem("");
            if (!modelFiles.DirectoryExists("metadata"))
                throw new BundleException(BundleErrorCode.InvalidModel, bundle,
                    $"is neither a bundle ({BundleManifest.FileName} + {BundleManifest.ModelFolder}/) nor a Spark model directory (metadata/part-00000).");
        }

        SparkModel model;
        CompiledPipeline pipeline;
        try
        {
            // An MLeap bundle may stand where the Spark directory would.
            model = MLeap.MLeapBundleLoader.IsBundle(modelFiles)
                ? MLeap.MLeapBundleLoader.CreateDefault().Load(modelFiles)
                : _spark.Load(modelFiles);
            pipeline = model.Compile(DeclaredTypes(bundle, manifest), Blas(bundle, manifest));
        }
        catch (Exception ex) when (ex is ModelLoadException or PipelineCompileException)
        {
            throw new BundleException(BundleErrorCode.InvalidModel, bundle, ex.Message, ex);
        }
        if (manifest is not null)
            BundleExamples.Verify(bundle, pipeline, manifest.Examples);
        return new LoadedBundle(manifest, model, pipeline, files.TotalBytes);
    }

    /// <summary>Every listed file present with its length and SHA-256; no unlisted file besides ember.json.</summary>
    public static void VerifyFiles(BundleFiles files, BundleManifest manifest)
    {
        string bundle = files.DisplayName;
        var listed = new HashSet<string>(StringComparer.Ordinal) { BundleManifest.FileName };
        foreach (BundleFile file in manifest.Files)
        {
            listed.Add(file.Path);
            if (!files.Files.TryGetValue(file.Path, out byte[]? bytes))
                throw new BundleException(BundleErrorCode.MissingFile, bundle,
                    $"file '{file.Path}' listed in {BundleManifest.FileName} is missing; the bundle is incomplete.");
            string actual = Sha256(bytes);
            if (bytes.LongLength != file.Bytes || !string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BundleException(BundleErrorCode.ChecksumMismatch, bundle,
                    $"file '{file.Path}' has changed since the bundle was packed (SHA-256 {actual}, {bytes.LongLength} bytes; "
                    + $"{BundleManifest.FileName} says {file.Sha256}, {file.Bytes} bytes); refused.");
        }
        foreach (string path in files.Files.Keys.Order(StringComparer.Ordinal))
            if (!listed.Contains(path))
                throw new BundleException(BundleErrorCode.UnlistedFile, bundle,
                    $"file '{path}' is not listed in {BundleManifest.FileName} (added after packing?); refused.");
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Dictionary<string, SparkType>? DeclaredTypes(string bundle, BundleManifest? manifest)
    {
        if (manifest is null || manifest.InputSchema.Count == 0)
            return null;
        var types = new Dictionary<string, SparkType>(StringComparer.OrdinalIgnoreCase);
        foreach (ManifestColumn column in manifest.InputSchema)
            types[column.Name] = SparkType.Parse(column.Type)
                ?? throw new BundleException(BundleErrorCode.InvalidManifest, bundle,
                    $"{BundleManifest.FileName} inputSchema column '{column.Name}' has type \"{column.Type}\", which is not a Spark type Ember reads (double, string, array<string>, vector, ...).");
        return types;
    }

    private static BlasFlavor? Blas(string bundle, BundleManifest? manifest)
    {
        if (manifest?.Blas is not { } text)
            return null;
        return BlasFlavors.TryParse(text, out BlasFlavor flavor) ? flavor
            : throw new BundleException(BundleErrorCode.InvalidManifest, bundle,
                $"{BundleManifest.FileName} \"blas\" is \"{text}\"; use \"f2j\", \"java8\", \"java11\" or \"vector\".");
    }
}
