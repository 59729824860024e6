using System.IO.Compression;
using System.Text.Json;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Storage.Registry;

namespace Ember.Bundles;

/// <summary>
/// `ember pack`: turns a Spark model directory (or .zip, or an existing bundle) into a bundle —
/// model/ plus ember.json with the derived input schema, default outputs, examples with the outputs
/// they produce (or checked against given ones) and every file's SHA-256 — written as a directory
/// or, when the output ends in .zip, a zip. The written bundle is loaded back before returning, so
/// a pack that succeeds is a bundle that loads.
/// </summary>
public sealed class BundleWriter(BundleLoader? loader = null)
{
    private readonly BundleLoader _loader = loader ?? BundleLoader.Default;

    public BundleManifest Pack(string source, PackOptions options, string output)
    {
        ModelRepository.ValidateName(options.Name, options.Name, "model name");
        ModelRepository.ValidateName(options.Name, options.Version, "version");
        BlasFlavor? blas = null;
        if (options.Blas is { } text)
            blas = BlasFlavors.TryParse(text, out BlasFlavor flavor) ? flavor
                : throw new BundleException(BundleErrorCode.InvalidManifest, source, $"--blas \"{text}\" is not one of f2j, java8, java11, vector.");

        BundleFiles files = BundleFiles.Read(source);
        // Re-packing a bundle takes its model/ folder; anything else is the Spark directory itself.
        string modelFolder = files.Contains(BundleManifest.FileName) ? BundleManifest.ModelFolder + "/" : "";
        var modelFiles = files.Files.Where(f => f.Key.StartsWith(modelFolder, StringComparison.Ordinal))
            .ToDictionary(f => BundleManifest.ModelFolder + "/" + f.Key[modelFolder.Length..], f => f.Value, StringComparer.Ordinal);
        var bundleFiles = new BundleFiles(source, modelFiles, stripWrapperFolder: false);

        CompiledPipeline pipeline;
        SparkModel model;
        try
        {
            model = MLeap.ModelLoader.Load(bundleFiles.ModelFileSystem(BundleManifest.ModelFolder));
            pipeline = model.Compile(options.DeclaredTypes, blas);
        }
        catch (Exception ex) when (ex is ModelLoadException or PipelineCompileException)
        {
            throw new BundleException(BundleErrorCode.InvalidModel, source, ex.Message, ex);
        }

        var manifest = new BundleManifest(
            options.Name,
            options.Version,
            options.Description,
            options.CreatedAt ?? DateTimeOffset.UtcNow,
            model.SparkVersion.ToString(),
            pipeline.Inputs.Select(i => new ManifestColumn(i.Name, i.Type.ToString(), i.Nullable, i.VectorSize >= 0 ? i.VectorSize : null)).ToArray(),
            BundleExamples.DefaultOutputNames(pipeline),
            options.Training,
            Examples(source, pipeline, options.Examples ?? []),
            bundleFiles.Files.OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new BundleFile(f.Key, BundleLoader.Sha256(f.Value), f.Value.LongLength)).ToArray(),
            options.Blas?.Trim().ToLowerInvariant(),
            Baseline: options.Baseline?.Invoke(pipeline));

        var all = new Dictionary<string, byte[]>(bundleFiles.Files, StringComparer.Ordinal)
        {
            [BundleManifest.FileName] = BundleJson.Write(manifest),
        };
        Write(all, output);
        _loader.Load(output);
        return manifest;
    }

    /// <summary>Reads examples from a JSON Lines file (blank lines skipped); errors name the line.</summary>
    public static IReadOnlyList<JsonElement> ReadExamples(string path)
    {
        var examples = new List<JsonElement>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new BundleException(BundleErrorCode.InvalidManifest, path, $"line {line}: an example must be a JSON object (an input row, or {{\"input\": ..., \"output\": ...}}).");
                examples.Add(doc.RootElement.Clone());
            }
            catch (JsonException ex)
            {
                throw new BundleException(BundleErrorCode.InvalidManifest, path, $"line {line} is not valid JSON: {ex.Message}", ex);
            }
        }
        return examples;
    }

    private static BundleExample[] Examples(string source, CompiledPipeline pipeline, IReadOnlyList<JsonElement> lines)
    {
        var outputs = BundleExamples.DefaultOutputNames(pipeline);
        var examples = new BundleExample[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            JsonElement line = lines[i];
            if (IsExampleForm(line, out JsonElement input, out JsonElement expected))
            {
                var example = new BundleExample(input, expected);
                string mismatch = BundleExamples.Check(pipeline, example);
                if (mismatch.Length > 0)
                    throw new BundleException(BundleErrorCode.ExampleMismatch, source, $"example {i + 1}: {mismatch}.");
                examples[i] = example;
                continue;
            }
            JsonElement? scored = BundleExamples.Score(pipeline, line, outputs, out string? error);
            if (scored is null)
                throw new BundleException(BundleErrorCode.ExampleMismatch, source,
                    $"example {i + 1} cannot be scored: {error}. Give {{\"input\": ..., \"output\": null}} for a row the model is meant to refuse.");
            examples[i] = new BundleExample(line, scored.Value);
        }
        return examples;
    }

    /// <summary>{"input": {...}} with at most an "output" beside it is an example with (or without) expectations.</summary>
    private static bool IsExampleForm(JsonElement line, out JsonElement input, out JsonElement output)
    {
        output = default;
        if (!line.TryGetProperty("input", out input) || input.ValueKind != JsonValueKind.Object)
            return false;
        foreach (JsonProperty p in line.EnumerateObject())
            if (p.Name is not ("input" or "output"))
                return false;
        return line.TryGetProperty("output", out output);
    }

    private static void Write(Dictionary<string, byte[]> files, string output)
    {
        string full = Path.GetFullPath(output);
        if (File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()))
            throw new BundleException(BundleErrorCode.Unreadable, output, "already exists; pack writes a new bundle (choose another -o or delete it).");
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        // Written beside the target, then renamed: a failed pack leaves no half bundle behind.
        string temp = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
                    foreach (var (path, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
                    {
                        using Stream entry = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                        entry.Write(bytes);
                    }
                File.Move(temp, full);
                return;
            }
            foreach (var (path, bytes) in files)
            {
                string target = Path.Combine(temp, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }
            if (Directory.Exists(full))
                Directory.Delete(full); // empty, checked above
            Directory.Move(temp, full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new BundleException(BundleErrorCode.Unreadable, output, $"cannot be written: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException) { /* best effort */ }
    }
}
