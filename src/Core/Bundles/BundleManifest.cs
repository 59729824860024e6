using System.Text.Json;

namespace Ember.Bundles;

/// <summary>
/// ember.json: what a bundle is (a Spark model directory plus this manifest). Written by
/// `ember pack`, checked on every load: every file's SHA-256 must match and every example must
/// reproduce, or the bundle is refused. A bare Spark directory without a manifest still loads.
/// </summary>
/// <param name="Name">Model name (the store folder).</param>
/// <param name="Version">Version label (the store sub-folder).</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedAt">When the bundle was packed (UTC).</param>
/// <param name="SparkVersion">Spark version that saved the model.</param>
/// <param name="InputSchema">Raw input columns: derived from the pipeline or declared at pack time.</param>
/// <param name="Outputs">Default output columns of predictions.</param>
/// <param name="Training">Free-form training metadata (dataset snapshot, metrics, owner...).</param>
/// <param name="Examples">Input rows with the outputs they must produce.</param>
/// <param name="Files">Every file of the model directory with its SHA-256 (paths relative to the bundle root, '/' separated).</param>
/// <param name="Blas">Optional override of the BLAS arithmetic to match: "f2j", "java8", "java11" or "vector".</param>
/// <param name="Baseline">Optional training profiles for drift monitoring.</param>
public sealed record BundleManifest(
    string Name,
    string Version,
    string? Description,
    DateTimeOffset CreatedAt,
    string SparkVersion,
    IReadOnlyList<ManifestColumn> InputSchema,
    IReadOnlyList<string> Outputs,
    JsonElement? Training,
    IReadOnlyList<BundleExample> Examples,
    IReadOnlyList<BundleFile> Files,
    string? Blas = null,
    JsonElement? Baseline = null)
{
    /// <summary>The manifest's file name at the bundle root.</summary>
    public const string FileName = "ember.json";

    /// <summary>The folder holding the Spark model, relative to the bundle root.</summary>
    public const string ModelFolder = "model";
}

/// <summary>One input column of the manifest's schema.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Spark simple type name ("double", "string", "array&lt;string&gt;", "vector").</param>
/// <param name="Nullable">Whether null is accepted.</param>
/// <param name="VectorSize">Size of a vector column, when known.</param>
public sealed record ManifestColumn(string Name, string Type, bool Nullable, int? VectorSize = null);

/// <summary>A golden example: an input row and the outputs it must produce (JSON values as the API returns them).</summary>
public sealed record BundleExample(JsonElement Input, JsonElement Output);

/// <summary>A file of the bundle and its checksum.</summary>
public sealed record BundleFile(string Path, string Sha256, long Bytes);
