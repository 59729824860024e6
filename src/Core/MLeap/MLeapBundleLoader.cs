using System.Text.Json;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.MLeap;

/// <summary>
/// Loads an MLeap bundle (Bundle.ML: <c>bundle.json</c> + a <c>root/</c> tree of
/// <c>node.json</c>/<c>model.json</c>, as a directory or a .zip) into the same stage definitions
/// the Spark loader produces, so the same compiler and kernels score it. JSON bundles of every
/// MLeap release are read, including 0.5/0.6 "mixed" bundles (JSON + protobuf tree.pb);
/// protobuf-format node/model files are refused with a clear error.
/// </summary>
public sealed class MLeapBundleLoader
{
    /// <summary>Pipelines inside pipelines: deeper than this is not a real bundle.</summary>
    private const int MaxNesting = 32;

    /// <summary>node.json / model.json larger than this are refused before parsing (Word2Vec bundles reach tens of MB).</summary>
    private const long MaxJsonBytes = 512L * 1024 * 1024;

    private readonly MLeapOpRegistry _ops;

    internal MLeapBundleLoader(MLeapOpRegistry ops) => _ops = ops;

    /// <summary>Every op Ember maps to a stage.</summary>
    public static MLeapBundleLoader CreateDefault() => new(MLeapOpRegistry.CreateDefault());

    internal MLeapOpRegistry Ops => _ops;

    /// <summary>True when <paramref name="files"/> holds an MLeap bundle (bundle.json beside a root/ directory).</summary>
    public static bool IsBundle(IModelFileSystem files) =>
        files.ListFiles("").Contains("bundle.json") && files.DirectoryExists("root");

    public SparkModel Load(string path)
    {
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            return Load(new ZipModelFileSystem(stream, path));
        }
        return Load(new DirectoryModelFileSystem(path));
    }

    public SparkModel Load(IModelFileSystem files)
    {
        var context = OpenBundle(files);
        return new SparkModel(LoadNode(context, "root", depth: 0), files.DisplayName);
    }

    private MLeapLoadContext OpenBundle(IModelFileSystem files)
    {
        if (!files.ListFiles("").Contains("bundle.json"))
            throw new ModelLoadException("", $"{files.DisplayName} is not an MLeap bundle: it has no bundle.json.");
        using var doc = ReadJson(files, "bundle.json");
        var bundle = doc.RootElement;
        string format = bundle.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
        if (format == "protobuf")
            throw new ModelLoadException("bundle.json", "this bundle uses MLeap's protobuf serialization, which Ember does not read yet; re-export it with SerializationFormat.Json.");
        if (format is not ("json" or "mixed"))
            throw new ModelLoadException("bundle.json", $"format '{format}' is not an MLeap serialization Ember reads (json, or 0.5/0.6 mixed).");
        string version = bundle.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var spark = MLeapVersions.SparkFor(version)
            ?? throw new ModelLoadException("bundle.json", $"version '{version}' is not an MLeap version.");
        return new MLeapLoadContext(files, spark, _ops);
    }

    /// <summary>Loads the node in directory <paramref name="dir"/> (node.json + model.json) and dispatches on its op.</summary>
    internal StageDefinition LoadNode(MLeapLoadContext context, string dir, int depth)
    {
        if (depth > MaxNesting)
            throw new ModelLoadException(dir, $"pipelines are nested more than {MaxNesting} deep.");
        if (!context.Files.DirectoryExists(dir))
            throw new ModelLoadException(dir, "the node directory listed by its pipeline does not exist.");
        var node = ReadNode(context, dir, withSockets: true);
        if (node.Op == "pipeline")
        {
            var children = node.Attributes.StringList("nodes")
                .Select(name => LoadNode(context, ModelPath.Combine(dir, name + ".node"), depth + 1))
                .ToArray();
            return new PipelineModel(node.Info("org.apache.spark.ml.PipelineModel"), children);
        }
        if (!_ops.TryGet(node.Op, out var load))
        {
            string reason = _ops.UnsupportedReason(node.Op) ?? "Ember has no stage for this op";
            throw new ModelLoadException(dir, $"unsupported MLeap op '{node.Op}' in node '{node.Name}' ({reason}).") { UnsupportedClass = node.Op };
        }
        try
        {
            return load(node, context);
        }
        catch (ModelLoadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException
            or IndexOutOfRangeException or KeyNotFoundException or InvalidCastException or OverflowException or JsonException)
        {
            throw new ModelLoadException(dir, $"{node.Op} '{node.Name}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads model.json (and node.json when <paramref name="withSockets"/>) of a node or sub-model directory.</summary>
    internal static MLeapNode ReadNode(MLeapLoadContext context, string dir, bool withSockets)
    {
        var files = context.Files;
        string name = dir[(dir.LastIndexOf('/') + 1)..];
        var inputs = new List<KeyValuePair<string, string>>();
        var outputs = new List<KeyValuePair<string, string>>();
        if (withSockets)
        {
            string nodePath = ModelPath.Combine(dir, "node.json");
            if (!files.ListFiles(dir).Contains("node.json"))
                throw new ModelLoadException(dir, files.ListFiles(dir).Contains("node.pb")
                    ? "has node.pb: protobuf-format nodes are not supported yet; re-export the bundle as JSON."
                    : "has no node.json.");
            using var nodeDoc = ReadJson(files, nodePath);
            var root = nodeDoc.RootElement;
            if (root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                name = n.GetString()!;
            if (root.TryGetProperty("shape", out var shape))
            {
                Sockets(shape, "inputs", inputs, nodePath);
                Sockets(shape, "outputs", outputs, nodePath);
            }
        }
        string modelPath = ModelPath.Combine(dir, "model.json");
        if (!files.ListFiles(dir).Contains("model.json"))
            throw new ModelLoadException(dir, "has no model.json.");
        using var modelDoc = ReadJson(files, modelPath);
        var model = modelDoc.RootElement;
        string op = model.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
        if (op.Length == 0)
            throw new ModelLoadException(modelPath, "has no \"op\".");
        // Cloned: op loaders read attributes after the document is disposed.
        var attributes = model.TryGetProperty("attributes", out var a) ? a.Clone() : default;
        return new MLeapNode(dir, name, op, new MLeapAttributes(attributes, dir, $"{op} '{name}'"), inputs, outputs, context.SparkVersion);
    }

    private static void Sockets(JsonElement shape, string key, List<KeyValuePair<string, string>> into, string path)
    {
        if (!shape.TryGetProperty(key, out var list))
            return;
        if (list.ValueKind != JsonValueKind.Array)
            throw new ModelLoadException(path, $"shape.{key} is not an array.");
        foreach (var socket in list.EnumerateArray())
        {
            string? port = socket.TryGetProperty("port", out var p) ? p.GetString() : null;
            string? column = socket.TryGetProperty("name", out var c) ? c.GetString() : null;
            if (port is null || column is null)
                throw new ModelLoadException(path, $"a socket in shape.{key} lacks its port or name.");
            into.Add(new(port, column));
        }
    }

    internal static JsonDocument ReadJson(IModelFileSystem files, string path)
    {
        if (files.FileSize(path) > MaxJsonBytes)
            throw new ModelLoadException(path, $"is larger than {MaxJsonBytes} bytes; refused.");
        using var stream = files.OpenRead(path);
        try
        {
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException(path, $"is not valid JSON: {ex.Message}", ex);
        }
    }
}

/// <summary>What op loaders need besides their node: the bundle's files, its Spark version and the ops (for sub-models).</summary>
internal sealed record MLeapLoadContext(IModelFileSystem Files, SparkVersion SparkVersion, MLeapOpRegistry Ops)
{
    /// <summary>Loads a sub-model (given its sockets by the parent) through the op registry, as a node would be.</summary>
    public StageDefinition LoadSubModel(MLeapNode sub)
    {
        if (!Ops.TryGet(sub.Op, out var load))
        {
            string reason = Ops.UnsupportedReason(sub.Op) ?? "Ember has no stage for this op";
            throw new ModelLoadException(sub.Path, $"unsupported MLeap op '{sub.Op}' in sub-model '{sub.Name}' ({reason}).") { UnsupportedClass = sub.Op };
        }
        return load(sub, this);
    }

    /// <summary>A sub-model directory of an ensemble or one-vs-rest (model.json, no node.json).</summary>
    public MLeapNode ReadSubModel(MLeapNode parent, string name)
    {
        string dir = ModelPath.Combine(parent.Path, name);
        if (!Files.DirectoryExists(dir))
            throw new ModelLoadException(dir, $"sub-model '{name}' listed by {parent.Op} '{parent.Name}' does not exist.");
        return MLeapBundleLoader.ReadNode(this, dir, withSockets: false);
    }
}
