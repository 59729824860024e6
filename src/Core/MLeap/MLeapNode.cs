using System.Globalization;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.MLeap;

/// <summary>
/// One node of a bundle as read: its directory, name, op, attributes and sockets (port → column
/// name, from node.json; sub-models of ensembles have no node.json and no sockets).
/// </summary>
internal sealed class MLeapNode
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _inputs;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _outputs;

    public MLeapNode(string path, string name, string op, MLeapAttributes attributes,
        IReadOnlyList<KeyValuePair<string, string>> inputs, IReadOnlyList<KeyValuePair<string, string>> outputs, SparkVersion version)
    {
        Path = path;
        Name = name;
        Op = op;
        Attributes = attributes;
        _inputs = inputs;
        _outputs = outputs;
        Version = version;
    }

    /// <summary>Directory of the node inside the bundle, e.g. "root/feature_pipeline.node/scaler.node".</summary>
    public string Path { get; }

    public string Name { get; }

    public string Op { get; }

    public MLeapAttributes Attributes { get; }

    /// <summary>The Spark version whose semantics the stage follows (from the MLeap version that wrote it).</summary>
    public SparkVersion Version { get; }

    public StageInfo Info(string sparkClass) => new(sparkClass, Name, Version, Path);

    public string Input(string port = "input") => Find(_inputs, port) ?? throw Error($"has no input socket '{port}'");

    public string Output(string port = "output") => Find(_outputs, port) ?? throw Error($"has no output socket '{port}'");

    /// <summary>An input an op may replace by a constant (math_binary's input_a / input_b): "" when absent.</summary>
    public string OptionalInput(string port) => Find(_inputs, port) ?? "";

    /// <summary>An output Spark may have disabled (empty column param → no socket): "" when absent.</summary>
    public string OptionalOutput(string port) => Find(_outputs, port) ?? "";

    /// <summary>
    /// The columns of a single- or multi-column stage: port <paramref name="port"/>, else
    /// <paramref name="port"/>0, 1, … in order.
    /// </summary>
    public string[] Inputs(string port = "input") => Numbered(_inputs, port, "input");

    public string[] Outputs(string port = "output") => Numbered(_outputs, port, "output");

    /// <summary>This node with sockets a parent assigns (sub-models have no node.json).</summary>
    public MLeapNode WithSockets(IReadOnlyList<KeyValuePair<string, string>> inputs, IReadOnlyList<KeyValuePair<string, string>> outputs) =>
        new(Path, Name, Op, Attributes, inputs, outputs, Version);

    public ModelLoadException Error(string problem) => new(Path, $"{Op} '{Name}' {problem}.");

    private string[] Numbered(IReadOnlyList<KeyValuePair<string, string>> sockets, string port, string kind)
    {
        if (Find(sockets, port) is { } single)
            return [single];
        var columns = new List<string>();
        for (int i = 0; ; i++)
        {
            var column = Find(sockets, port + i.ToString(CultureInfo.InvariantCulture));
            if (column is null)
                break;
            columns.Add(column);
        }
        return columns.Count > 0 ? columns.ToArray() : throw Error($"has no {kind} socket '{port}' or '{port}0'");
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> sockets, string port)
    {
        foreach (var (p, name) in sockets)
            if (p == port)
                return name;
        return null;
    }
}
