using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>
/// The metadata JSON Spark writes for every stage (metadata/part-00000): class, uid, version,
/// explicitly set params (paramMap), defaults at save time (defaultParamMap, 2.4+) and the
/// stage-specific extra keys.
/// </summary>
public sealed class StageMetadata
{
    private StageMetadata(JsonElement root, string sparkClass, string uid, SparkVersion version, string path)
    {
        Root = root;
        Class = sparkClass;
        Uid = uid;
        Version = version;
        Path = path;
        ParamMap = root.TryGetProperty("paramMap", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        DefaultParamMap = root.TryGetProperty("defaultParamMap", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
    }

    /// <summary>The whole metadata object (extra keys such as numFeatures, numClasses live here).</summary>
    public JsonElement Root { get; }

    public string Class { get; }

    public string Uid { get; }

    public SparkVersion Version { get; }

    /// <summary>Stage path relative to the model root, for errors.</summary>
    public string Path { get; }

    public JsonElement ParamMap { get; }

    public JsonElement DefaultParamMap { get; }

    public StageInfo Info => new(Class, Uid, Version, Path);

    /// <summary>Params resolved as Spark does on load (paramMap → defaultParamMap (2.4+) → built-in default).</summary>
    public StageParams Params => new(this);

    public static StageMetadata Parse(string json, string path)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(path, $"metadata is not valid JSON: {ex.Message}", ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new ModelLoadException(path, "metadata is not a JSON object.");
        string cls = RequiredString(root, "class", path);
        string uid = root.TryGetProperty("uid", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        string versionText = RequiredString(root, "sparkVersion", path);
        if (!SparkVersion.TryParse(versionText, out var version))
            throw new ModelLoadException(path, $"metadata sparkVersion '{versionText}' is not a Spark version.");
        return new StageMetadata(root, cls, uid, version, path);
    }

    /// <summary>An extra key of the metadata (numFeatures, numClasses, ...), or null.</summary>
    public JsonElement? Extra(string name) =>
        Root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public int ExtraInt(string name)
    {
        if (Extra(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i))
            return i;
        throw new ModelLoadException(Path, $"metadata has no integer '{name}'.");
    }

    private static string RequiredString(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new ModelLoadException(path, $"metadata has no string '{name}'.");
}
