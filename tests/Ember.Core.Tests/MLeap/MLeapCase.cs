using System.Text.Json;
using Ember.Pipeline;
using Ember.Testing;

namespace Ember.Core.Tests.MLeap;

/// <summary>
/// One bundle of the shared MLeap corpus: a top-level case (<c>&lt;slug&gt;/bundle</c>) or one bundle
/// of the spark-parity collection (<c>spark-parity-m080/bundles/&lt;Spec&gt;</c>, id
/// "spark-parity-m080/&lt;Spec&gt;"), with its case.json and data.
/// </summary>
internal sealed class MLeapCase
{
    private const string ParityCollection = "spark-parity-m080";

    private MLeapCase(string id, string bundleDirectory, string caseDirectory, JsonElement json)
    {
        Id = id;
        BundleDirectory = bundleDirectory;
        CaseDirectory = caseDirectory;
        Json = json;
    }

    public string Id { get; }

    public string BundleDirectory { get; }

    public string CaseDirectory { get; }

    /// <summary>case.json (for a parity bundle: its entry in the collection's "bundles").</summary>
    public JsonElement Json { get; }

    public string DataFile(string name) => Path.Combine(CaseDirectory, "data", name);

    /// <summary>The original archive beside the unpacked bundle, when the case came as a zip.</summary>
    public string? OriginalZip =>
        Json.TryGetProperty("original_archive", out var a) && a.TryGetProperty("file", out var f) ? Path.Combine(CaseDirectory, f.GetString()!) : null;

    public static IEnumerable<string> AllIds()
    {
        if (!Directory.Exists(Corpus.MLeap))
            yield break;
        foreach (var dir in Directory.GetDirectories(Corpus.MLeap).Order(StringComparer.Ordinal))
        {
            string slug = Path.GetFileName(dir);
            if (slug == ParityCollection)
            {
                foreach (var spec in Directory.GetDirectories(Path.Combine(dir, "bundles")).Order(StringComparer.Ordinal))
                    yield return slug + "/" + Path.GetFileName(spec);
            }
            else if (Directory.Exists(Path.Combine(dir, "bundle")))
            {
                yield return slug;
            }
        }
    }

    public static MLeapCase Load(string id)
    {
        int slash = id.IndexOf('/');
        if (slash < 0)
        {
            string dir = Path.Combine(Corpus.MLeap, id);
            return new MLeapCase(id, Path.Combine(dir, "bundle"), dir, Parse(Path.Combine(dir, "case.json")));
        }
        string collection = Path.Combine(Corpus.MLeap, id[..slash]);
        string bundleDir = Path.Combine(collection, "bundles", id[(slash + 1)..]);
        var all = Parse(Path.Combine(collection, "case.json"));
        var entry = all.GetProperty("bundles").EnumerateArray()
            .First(b => b.GetProperty("dir").GetString() == "bundles/" + id[(slash + 1)..]);
        return new MLeapCase(id, bundleDir, collection, entry);
    }

    /// <summary>Declared input types from case.json's input_schema (MLeap leap-frame type names).</summary>
    public Dictionary<string, SparkType> DeclaredTypes()
    {
        var types = new Dictionary<string, SparkType>(StringComparer.Ordinal);
        if (Json.TryGetProperty("input_schema", out var schema))
            foreach (var field in schema.EnumerateArray())
                types[field.GetProperty("name").GetString()!] = TypeOf(field.GetProperty("type").GetString()!);
        return types;
    }

    /// <summary>Rows of a leap frame file ({"schema": {"fields": [...]}, "rows": [[...]]}) as name → typed value.</summary>
    public List<Dictionary<string, object?>> ReadLeapFrame(string file)
    {
        var frame = Parse(DataFile(file));
        var fields = frame.GetProperty("schema").GetProperty("fields").EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Type: TypeOf(f.GetProperty("type").GetString()!))).ToArray();
        var rows = new List<Dictionary<string, object?>>();
        foreach (var row in frame.GetProperty("rows").EnumerateArray())
        {
            var values = row.EnumerateArray().ToArray();
            rows.Add(fields.Select((f, i) => (f.Name, Value: Convert(values[i], f.Type))).ToDictionary(x => x.Name, x => x.Value));
        }
        return rows;
    }

    public static SparkType TypeOf(string leapType) => leapType switch
    {
        "string" => SparkType.String,
        "double" => SparkType.Double,
        "float" => SparkType.Float,
        "int" => SparkType.Int,
        "long" => SparkType.Long,
        "boolean" => SparkType.Boolean,
        _ => throw new ArgumentException($"leap frame type '{leapType}' is not handled by the test"),
    };

    private static object? Convert(JsonElement value, SparkType type) =>
        value.ValueKind == JsonValueKind.Null ? null
        : type == SparkType.String ? value.GetString()
        : type == SparkType.Boolean ? value.GetBoolean()
        : type == SparkType.Int ? value.GetInt32()
        : type == SparkType.Long ? value.GetInt64()
        : value.GetDouble();

    private static JsonElement Parse(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        return doc.RootElement.Clone();
    }
}
