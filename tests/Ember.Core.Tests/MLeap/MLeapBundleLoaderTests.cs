using System.Buffers.Binary;
using Ember.Core.Tests.Pipeline;
using Ember.MLeap;
using Ember.Pipeline;
using Ember.Spark;
using Xunit;

namespace Ember.Core.Tests.MLeap;

/// <summary>Hand-written bundles in a temp directory: encodings, errors and the format detection.</summary>
public sealed class MLeapBundleLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ember-mleap-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Load_UnknownOp_NamesTheOpAndTheNodePath()
    {
        Bundle("0.23.0");
        Pipeline("root", "mystery");
        Node("root/mystery.node", "mystery", """{"op": "frobnicate", "attributes": {}}""", """[{"name": "x", "port": "input"}]""", """[{"name": "y", "port": "output"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Equal("frobnicate", ex.UnsupportedClass);
        Assert.Equal("root/mystery.node", ex.StagePath);
        Assert.Contains("'frobnicate'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("root/mystery.node", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KnownMLeapOnlyOp_GivesTheReason()
    {
        Bundle("0.8.0");
        Node("root", "map", """{"op": "string_map", "attributes": {}}""", """[{"name": "x", "port": "input"}]""", """[{"name": "y", "port": "output"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("MLeap-only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProtobufBundle_IsRefusedWithAFix()
    {
        Bundle("0.23.0", "protobuf");
        Directory.CreateDirectory(Path.Combine(_dir, "root"));
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("SerializationFormat.Json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PipelineListingAMissingNode_NamesTheDirectory()
    {
        Bundle("0.23.0");
        Pipeline("root", "gone");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Equal("root/gone.node", ex.StagePath);
    }

    [Fact]
    public void Load_MissingAttribute_NamesAttributeAndNode()
    {
        Bundle("0.23.0");
        Node("root", "lr", """{"op": "linear_regression", "attributes": {"intercept": {"double": 1.0}}}""", """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("'coefficients'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("root", ex.StagePath);
    }

    [Fact]
    public void MathUnary_UnknownOperation_NamesNodeOpAttributeAndTheKnownNames()
    {
        Bundle("0.8.0");
        Node("root", "scale", """{"op": "math_unary", "attributes": {"operation": {"string": "cube"}}}""", """[{"name": "x", "port": "input"}]""", """[{"name": "y", "port": "output"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Null(ex.UnsupportedClass);
        Assert.Equal("root", ex.StagePath);
        Assert.Contains("math_unary 'scale'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'operation'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'cube'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tan", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("word_filter", "{}", "length")]
    [InlineData("imputer", """{"missing_value": {"double": 1.0}, "strategy": {"string": "mean"}}""", "surrogate_value")]
    [InlineData("math_binary", "{}", "operation")]
    [InlineData("multinomial_labeler", """{"labels": {"type": "list", "string": ["a"]}}""", "threshold")]
    [InlineData("support_vector_machine", """{"coefficients": {"type": "tensor", "double": [1.0], "shape": {"dimensions": [{"size": 1, "name": ""}]}}, "num_classes": {"long": 2}}""", "intercept")]
    public void MLeapExtensionOp_MissingAttribute_NamesNodeOpAndAttribute(string op, string attributes, string missing)
    {
        Bundle("0.8.0");
        Node("root", "n1", $$"""{"op": "{{op}}", "attributes": {{attributes}}}""",
            """[{"name": "x", "port": "input"}, {"name": "x", "port": "input_a"}, {"name": "x", "port": "input_b"}, {"name": "f", "port": "features"}]""",
            """[{"name": "y", "port": "output"}, {"name": "p", "port": "probabilities"}, {"name": "l", "port": "labels"}, {"name": "pr", "port": "prediction"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains($"{op} 'n1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{missing}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MathBinary_NoInputAAndNoDa_IsALoadError()
    {
        Bundle("0.8.0");
        Node("root", "mb", """{"op": "math_binary", "attributes": {"operation": {"string": "add"}}}""", """[{"name": "b", "port": "input_b"}]""", """[{"name": "y", "port": "output"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("math_binary 'mb'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input_a", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'da'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MathBinary_DaReplacesAnAbsentInputA()
    {
        Bundle("0.8.0");
        Node("root", "mb", """{"op": "math_binary", "attributes": {"operation": {"string": "div"}, "da": {"double": 3.0}}}""", """[{"name": "b", "port": "input_b"}]""", """[{"name": "y", "port": "output"}]""");
        var pipeline = MLeapBundleLoader.CreateDefault().Load(_dir).Compile();
        Assert.Equal(0.75, PipelineHarness.Score(pipeline, ["y"], PipelineHarness.Row(("b", 4.0)))[0]["y"]);
    }

    [Theory]
    [InlineData("""{"long": 3}""", "", "num_classes")]
    [InlineData("""{"long": 2}""", """, "threshold": {"double": 0.5}""", "threshold")]
    public void SupportVectorMachine_NonBinaryOrLegacyThreshold_IsALoadError(string numClasses, string extra, string attribute)
    {
        Bundle("0.8.0");
        Node("root", "svm", $$$"""{"op": "support_vector_machine", "attributes": {"coefficients": {"type": "tensor", "double": [1.0], "shape": {"dimensions": [{"size": 1, "name": ""}]}}, "intercept": {}, "num_classes": {{{numClasses}}}{{{extra}}}}}""",
            """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("support_vector_machine 'svm'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{attribute}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinearRegression_LegacyAndTypedEncodings_PredictTheSame()
    {
        Bundle("0.6.0");
        Node("root", "lr", """
            {"op": "linear_regression", "attributes": {
              "coefficients": {"type": {"type": "tensor", "tensor": {"base": "double"}}, "value": {"values": [2.0, -1.0], "dimensions": [2]}},
              "intercept": {"type": "double", "value": 0.5}}}
            """, """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        double legacy = Predict();
        Bundle("0.23.0");
        Node("root", "lr", """
            {"op": "linear_regression", "attributes": {
              "coefficients": {"type": "tensor", "double": [2.0, -1.0], "shape": {"dimensions": [{"size": 2, "name": ""}]}},
              "intercept": {"double": 0.5}}}
            """, """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        Assert.Equal(2.0 * 3.0 - 1.0 * 4.0 + 0.5, legacy);
        Assert.Equal(legacy, Predict());

        double Predict()
        {
            var pipeline = MLeapBundleLoader.CreateDefault().Load(_dir).Compile();
            return (double)PipelineHarness.Score(pipeline, ["p"], PipelineHarness.Row(("f", SparkVector.Dense([3.0, 4.0]))))[0]["p"]!;
        }
    }

    [Fact]
    public void ZeroIntercept_WrittenAsEmptyObject_ReadsAsZero()
    {
        Bundle("0.23.0");
        Node("root", "lr", """{"op": "linear_regression", "attributes": {"coefficients": {"type": "tensor", "double": [1.0], "shape": {"dimensions": [{"size": 1, "name": ""}]}}, "intercept": {}}}""",
            """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        var stage = Assert.IsType<LinearRegressionModel>(MLeapBundleLoader.CreateDefault().Load(_dir).Root);
        Assert.Equal(0.0, stage.Intercept);
    }

    [Fact]
    public void Bucketizer_NullSplitEnds_AreInfinities()
    {
        Bundle("0.12.0");
        Node("root", "b", """{"op": "bucketizer", "attributes": {"splits": {"type": "list", "double": [null, 0.0, 1.0, null]}}}""",
            """[{"name": "x", "port": "input"}]""", """[{"name": "y", "port": "output"}]""");
        var pipeline = MLeapBundleLoader.CreateDefault().Load(_dir).Compile();
        var results = PipelineHarness.Score(pipeline, ["y"], PipelineHarness.Row(("x", -1e300)), PipelineHarness.Row(("x", 0.5)), PipelineHarness.Row(("x", 1e300)));
        Assert.Equal([0.0, 1.0, 2.0], results.Select(r => (double)r["y"]!));
    }

    [Fact]
    public void DecisionTree_FromTreePb_FollowsCategoricalRightSet()
    {
        Bundle("0.6.0", "mixed");
        Node("root", "dt", """{"op": "decision_tree_regression", "attributes": {"num_features": {"type": "long", "value": 1}}}""",
            """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        // Node { internal = 1: { split = 1: { categorical = 1: { num_categories (3) = 3, categories (4) = [0.0] } } } }:
        // feature 0, is_left false, so {0} is the right set and {1, 2} go left.
        byte[] categorical = Message(1, Message(1, Message(1, [.. Varint(3 << 3), 3, .. Message(4, Packed(0.0))])));
        File.WriteAllBytes(Path.Combine(_dir, "root", "tree.pb"), [.. Record(categorical), .. Record(Leaf(10.0)), .. Record(Leaf(20.0))]);
        var pipeline = MLeapBundleLoader.CreateDefault().Load(_dir).Compile();
        var results = PipelineHarness.Score(pipeline, ["p"],
            PipelineHarness.Row(("f", SparkVector.Dense([0.0]))), PipelineHarness.Row(("f", SparkVector.Dense([2.0]))));
        Assert.Equal([20.0, 10.0], results.Select(r => (double)r["p"]!));
    }

    [Fact]
    public void DecisionTree_TruncatedTreePb_IsALoadErrorNamingTheFile()
    {
        Bundle("0.6.0", "mixed");
        Node("root", "dt", """{"op": "decision_tree_regression", "attributes": {"num_features": {"type": "long", "value": 1}}}""",
            """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        byte[] leaf = Record(Leaf(1.0));
        File.WriteAllBytes(Path.Combine(_dir, "root", "tree.pb"), leaf[..^3]);
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("tree.pb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecisionTree_TreeJsonMissingAChild_IsALoadError()
    {
        Bundle("0.23.0");
        Node("root", "dt", """{"op": "decision_tree_regression", "attributes": {"num_features": {"long": 1}}}""",
            """[{"name": "f", "port": "features"}]""", """[{"name": "p", "port": "prediction"}]""");
        File.WriteAllText(Path.Combine(_dir, "root", "tree.json"),
            """{"type":"internal","split":{"type":"continuous","featureIndex":0,"threshold":0.5}}""" + "\n" + """{"type":"leaf","values":[1.0]}""" + "\n");
        var ex = Assert.Throws<ModelLoadException>(() => MLeapBundleLoader.CreateDefault().Load(_dir));
        Assert.Contains("ends before the tree is complete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelLoader_DetectsMLeapBundlesAndSparkModels()
    {
        Bundle("0.23.0");
        Node("root", "tok", """{"op": "tokenizer", "attributes": {}}""", """[{"name": "text", "port": "input"}]""", """[{"name": "words", "port": "output"}]""");
        Assert.IsType<Tokenizer>(ModelLoader.Load(_dir).Root);
        Directory.Delete(_dir, recursive: true);
        Directory.CreateDirectory(Path.Combine(_dir, "metadata"));
        File.WriteAllText(Path.Combine(_dir, "metadata", "part-00000"),
            """{"class":"org.apache.spark.ml.feature.Tokenizer","timestamp":1,"sparkVersion":"3.5.0","uid":"tok_1","paramMap":{"inputCol":"text","outputCol":"words"},"defaultParamMap":{}}""");
        Assert.IsType<Tokenizer>(ModelLoader.Load(_dir).Root);
    }

    private void Bundle(string version, string format = "json")
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "bundle.json"), $$"""{"uid": "u", "name": "b", "format": "{{format}}", "version": "{{version}}"}""");
    }

    private void Pipeline(string dir, params string[] nodes) =>
        Node(dir, "pipe", """{"op": "pipeline", "attributes": {"nodes": {"type": "list", "string": [""" + string.Join(",", nodes.Select(n => $"\"{n}\"")) + "]}}}", "[]", "[]");

    private void Node(string dir, string name, string model, string inputs, string outputs)
    {
        string full = Path.Combine(_dir, dir);
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "model.json"), model);
        File.WriteAllText(Path.Combine(full, "node.json"), $$"""{"name": "{{name}}", "shape": {"inputs": {{inputs}}, "outputs": {{outputs}}""" + "}}");
    }

    /// <summary>Node { leaf = 2: LeafNode { values = 1 (packed) } }.</summary>
    private static byte[] Leaf(double value) => Message(2, Message(1, Packed(value)));

    /// <summary>Field <paramref name="field"/> (length-delimited) holding <paramref name="body"/>.</summary>
    private static byte[] Message(int field, byte[] body) => [.. Varint((ulong)(field << 3 | 2)), .. Varint((ulong)body.Length), .. body];

    private static byte[] Packed(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return bytes.ToArray();
    }

    private static byte[] Record(byte[] node)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, node.Length);
        return [.. length, .. node];
    }
}
