using System.Text.Json;
using Ember.Api;

namespace Ember.Bundles;

/// <summary>Reads and writes ember.json through the source-generated <see cref="EmberJsonContext"/>.</summary>
public static class BundleJson
{
    /// <summary>Indented, so a manifest diffs well in review.</summary>
    private static readonly EmberJsonContext Indented = new(new JsonSerializerOptions(EmberJsonContext.Default.Options) { WriteIndented = true });

    public static byte[] Write(BundleManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, Indented.BundleManifest);

    /// <summary>Parses and checks the required fields; a <see cref="BundleException"/> names the field at fault.</summary>
    public static BundleManifest Read(string bundle, ReadOnlySpan<byte> json)
    {
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, EmberJsonContext.Default.BundleManifest);
        }
        catch (JsonException ex)
        {
            string where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            throw new BundleException(BundleErrorCode.InvalidManifest, bundle, $"{BundleManifest.FileName} is not a valid manifest{where}: {ex.Message}", ex);
        }
        if (manifest is null)
            throw Invalid(bundle, "holds null instead of an object");
        // The serializer leaves absent properties null whatever the declared nullability: check them.
        if (string.IsNullOrWhiteSpace(manifest.Name)) throw Invalid(bundle, "has no \"name\"");
        if (string.IsNullOrWhiteSpace(manifest.Version)) throw Invalid(bundle, "has no \"version\"");
        if (manifest.Files is null) throw Invalid(bundle, "has no \"files\" list (every file with its sha256)");
        if (manifest.InputSchema is null) throw Invalid(bundle, "has no \"inputSchema\"");
        for (int i = 0; i < manifest.Files.Count; i++)
        {
            BundleFile? file = manifest.Files[i];
            if (file is null || string.IsNullOrEmpty(file.Path) || file.Sha256 is not { Length: 64 })
                throw Invalid(bundle, $"files[{i}] needs a \"path\" and a 64-hex-digit \"sha256\"");
        }
        for (int i = 0; i < manifest.InputSchema.Count; i++)
        {
            ManifestColumn? column = manifest.InputSchema[i];
            if (column is null || string.IsNullOrEmpty(column.Name) || string.IsNullOrEmpty(column.Type))
                throw Invalid(bundle, $"inputSchema[{i}] needs a \"name\" and a \"type\"");
        }
        return manifest with
        {
            Outputs = manifest.Outputs ?? [],
            Examples = manifest.Examples ?? [],
            SparkVersion = manifest.SparkVersion ?? "",
        };
    }

    private static BundleException Invalid(string bundle, string problem) =>
        new(BundleErrorCode.InvalidManifest, bundle, $"{BundleManifest.FileName} {problem}.");
}
