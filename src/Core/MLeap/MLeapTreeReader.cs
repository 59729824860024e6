using System.Buffers.Binary;
using System.Text.Json;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.MLeap;

/// <summary>
/// Reads an MLeap decision tree — <c>tree.json</c> (one JSON node per line) or <c>tree.pb</c>
/// (4-byte big-endian length + protobuf ml.bundle.tree.decision.Node per record) — in pre-order
/// (node, its left subtree, its right subtree) into Spark-shaped <see cref="TreeNode"/>s numbered
/// in that order. Leaf values are class counts for classification trees (prediction = first
/// largest count) and [prediction] for regression trees.
/// </summary>
internal static class MLeapTreeReader
{
    private sealed record RawNode(bool IsLeaf, double[] Values, int Feature, double Threshold, bool Categorical,
        bool IsLeft, int NumCategories, double[] Categories);

    public static List<TreeNode> Read(IModelFileSystem files, string dir, bool classification)
    {
        string json = ModelPath.Combine(dir, "tree.json"), pb = ModelPath.Combine(dir, "tree.pb");
        List<RawNode> raw;
        string file;
        if (Exists(files, dir, "tree.json"))
            (raw, file) = (ReadJson(files, json), json);
        else if (Exists(files, dir, "tree.pb"))
            (raw, file) = (ReadProtobuf(files, pb), pb);
        else
            throw new ModelLoadException(dir, "has neither tree.json nor tree.pb.");
        var nodes = new List<TreeNode>(raw.Count);
        int next = 0;
        Build(raw, ref next, nodes, classification, file, 0);
        if (next != raw.Count)
            throw new ModelLoadException(file, $"has {raw.Count - next} nodes after the end of the tree.");
        return nodes;
    }

    private static int Build(List<RawNode> raw, ref int next, List<TreeNode> nodes, bool classification, string file, int depth)
    {
        if (depth > TreeEnsemble.MaxDepth)
            throw new ModelLoadException(file, $"the tree is deeper than {TreeEnsemble.MaxDepth}.");
        if (next >= raw.Count)
            throw new ModelLoadException(file, "ends before the tree is complete (an internal node lacks a child).");
        var node = raw[next];
        int id = next++;
        int slot = nodes.Count;
        nodes.Add(null!);
        if (node.IsLeaf)
        {
            if (node.Values.Length == 0)
                throw new ModelLoadException(file, $"leaf {id} has no values.");
            nodes[slot] = classification
                ? TreeNode.Leaf(id, ArgMax(node.Values), node.Values)
                : TreeNode.Leaf(id, node.Values[0]);
            return id;
        }
        int left = Build(raw, ref next, nodes, classification, file, depth + 1);
        int right = Build(raw, ref next, nodes, classification, file, depth + 1);
        nodes[slot] = node.Categorical
            ? TreeNode.Categorical(id, node.Feature, LeftSet(node, file, id), node.NumCategories, left, right)
            : TreeNode.Continuous(id, node.Feature, node.Threshold, left, right);
        return id;
    }

    /// <summary>MLeap keeps the smaller side and says which one it is; Spark wants the left set.</summary>
    private static double[] LeftSet(RawNode node, string file, int id)
    {
        if (node.NumCategories < 0 || node.NumCategories > TreeEnsemble.MaxCategories)
            throw new ModelLoadException(file, $"node {id} has {node.NumCategories} categories.");
        if (node.IsLeft)
            return node.Categories;
        var saved = node.Categories.ToHashSet();
        var left = new List<double>();
        for (int c = 0; c < node.NumCategories; c++)
            if (!saved.Contains(c))
                left.Add(c);
        return left.ToArray();
    }

    private static double ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best])
                best = i;
        return best;
    }

    private static bool Exists(IModelFileSystem files, string dir, string name) => files.ListFiles(dir).Contains(name);

    private static List<RawNode> ReadJson(IModelFileSystem files, string path)
    {
        var nodes = new List<RawNode>();
        using var reader = new StreamReader(files.OpenRead(path));
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                nodes.Add(FromJson(doc.RootElement));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw new ModelLoadException(path, $"line {lineNumber} is not a tree node: {ex.Message}", ex);
            }
        }
        return nodes;
    }

    private static RawNode FromJson(JsonElement e)
    {
        string type = e.GetProperty("type").GetString() ?? "";
        if (type == "leaf")
            return new RawNode(true, e.GetProperty("values").EnumerateArray().Select(Number).ToArray(), -1, 0, false, false, 0, []);
        if (type != "internal")
            throw new FormatException($"node type '{type}' is neither leaf nor internal");
        var split = e.GetProperty("split");
        int feature = split.GetProperty("featureIndex").GetInt32();
        string kind = split.GetProperty("type").GetString() ?? "";
        return kind switch
        {
            "continuous" => new RawNode(false, [], feature, Number(split.GetProperty("threshold")), false, false, 0, []),
            "categorical" => new RawNode(false, [], feature, 0, true, split.GetProperty("isLeft").GetBoolean(),
                split.GetProperty("numCategories").GetInt32(), split.GetProperty("categories").EnumerateArray().Select(Number).ToArray()),
            _ => throw new FormatException($"split type '{kind}' is neither continuous nor categorical"),
        };
    }

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    private static List<RawNode> ReadProtobuf(IModelFileSystem files, string path)
    {
        byte[] bytes;
        using (var stream = files.OpenRead(path))
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        var nodes = new List<RawNode>();
        int position = 0;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < 4)
                throw new ModelLoadException(path, $"ends inside a record length at byte {position}.");
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(position, 4));
            position += 4;
            if (length < 0 || length > bytes.Length - position)
                throw new ModelLoadException(path, $"record at byte {position - 4} claims {length} bytes; only {bytes.Length - position} remain.");
            nodes.Add(ParseNode(bytes.AsSpan(position, length)) ?? throw new ModelLoadException(path, $"record at byte {position - 4} is not a valid tree node."));
            position += length;
        }
        return nodes;
    }

    // ml.bundle.tree.decision.Node: oneof { InternalNode internal = 1 { Split split = 1 }; LeafNode leaf = 2 { repeated double values = 1 } }.
    private static RawNode? ParseNode(ReadOnlySpan<byte> message)
    {
        var r = new ProtobufWireReader(message);
        RawNode? node = null;
        while (!r.AtEnd)
        {
            if (!r.TryReadTag(out int field, out int wire))
                return null;
            if (field is 1 or 2 && wire == ProtobufWireReader.WireLengthDelimited)
            {
                if (!r.TryReadBytes(out var body))
                    return null;
                node = field == 2 ? ParseLeaf(body) : ParseInternal(body);
                if (node is null)
                    return null;
            }
            else if (!r.TrySkip(wire))
                return null;
        }
        return node;
    }

    private static RawNode? ParseLeaf(ReadOnlySpan<byte> message)
    {
        var r = new ProtobufWireReader(message);
        var values = new List<double>();
        while (!r.AtEnd)
        {
            if (!r.TryReadTag(out int field, out int wire))
                return null;
            if (field == 1 && !ReadDoubles(ref r, wire, values))
                return null;
            if (field != 1 && !r.TrySkip(wire))
                return null;
        }
        return new RawNode(true, values.ToArray(), -1, 0, false, false, 0, []);
    }

    private static RawNode? ParseInternal(ReadOnlySpan<byte> message)
    {
        var r = new ProtobufWireReader(message);
        RawNode? node = null;
        while (!r.AtEnd)
        {
            if (!r.TryReadTag(out int field, out int wire))
                return null;
            if (field == 1 && wire == ProtobufWireReader.WireLengthDelimited)
            {
                if (!r.TryReadBytes(out var split))
                    return null;
                node = ParseSplit(split);
            }
            else if (!r.TrySkip(wire))
                return null;
        }
        return node;
    }

    // Split: oneof { CategoricalSplit categorical = 1 { feature_index = 1; is_left = 2; num_categories = 3; repeated double categories = 4 };
    //                ContinuousSplit continuous = 2 { feature_index = 1; double threshold = 2 } }.
    private static RawNode? ParseSplit(ReadOnlySpan<byte> message)
    {
        var outer = new ProtobufWireReader(message);
        RawNode? node = null;
        while (!outer.AtEnd)
        {
            if (!outer.TryReadTag(out int kind, out int kindWire))
                return null;
            if (kind is not (1 or 2) || kindWire != ProtobufWireReader.WireLengthDelimited)
            {
                if (!outer.TrySkip(kindWire))
                    return null;
                continue;
            }
            if (!outer.TryReadBytes(out var body))
                return null;
            var r = new ProtobufWireReader(body);
            ulong feature = 0, isLeft = 0, numCategories = 0;
            double threshold = 0;
            var categories = new List<double>();
            while (!r.AtEnd)
            {
                if (!r.TryReadTag(out int field, out int wire))
                    return null;
                bool ok = (field, wire) switch
                {
                    (1, ProtobufWireReader.WireVarint) => r.TryReadVarint(out feature),
                    (2, ProtobufWireReader.WireVarint) when kind == 1 => r.TryReadVarint(out isLeft),
                    (2, ProtobufWireReader.WireFixed64) when kind == 2 => r.TryReadDouble(out threshold),
                    (3, ProtobufWireReader.WireVarint) when kind == 1 => r.TryReadVarint(out numCategories),
                    (4, _) when kind == 1 => ReadDoubles(ref r, wire, categories),
                    _ => r.TrySkip(wire),
                };
                if (!ok || feature > int.MaxValue || numCategories > int.MaxValue)
                    return null;
            }
            node = new RawNode(false, [], (int)feature, threshold, kind == 1, isLeft != 0, (int)numCategories, categories.ToArray());
        }
        return node;
    }

    /// <summary>A repeated double, packed (one length-delimited run) or not (one fixed64 per value).</summary>
    private static bool ReadDoubles(ref ProtobufWireReader r, int wire, List<double> values)
    {
        if (wire == ProtobufWireReader.WireFixed64)
        {
            if (!r.TryReadDouble(out double d))
                return false;
            values.Add(d);
            return true;
        }
        if (wire != ProtobufWireReader.WireLengthDelimited || !r.TryReadBytes(out var packed) || packed.Length % 8 != 0)
            return false;
        for (int i = 0; i < packed.Length; i += 8)
            values.Add(BinaryPrimitives.ReadDoubleLittleEndian(packed.Slice(i, 8)));
        return true;
    }
}
