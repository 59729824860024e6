using System.Globalization;
using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>MLeap feature ops → org.apache.spark.ml.feature.* definitions (mleap-bundle-format §3.2).</summary>
internal static class FeatureOps
{
    private const string Package = "org.apache.spark.ml.feature.";

    /// <summary>More label arrays or categorical features than this is not a real model.</summary>
    private const int MaxColumns = 100_000;

    public static void Register(MLeapOpRegistry registry)
    {
        registry.Register("string_indexer", StringIndexer);
        registry.Register("reverse_string_indexer", (n, _) =>
            new IndexToString(n.Info(Package + "IndexToString"), n.Input(), n.Output(), n.Attributes.StringList("labels")));
        registry.Register("one_hot_encoder", OneHotEncoder);
        registry.Register("vector_assembler", VectorAssembler);
        registry.Register("standard_scaler", StandardScaler);
        registry.Register("min_max_scaler", (n, _) => new MinMaxScalerModel(n.Info(Package + "MinMaxScalerModel"), n.Input(), n.Output(),
            n.Attributes.Double("minValue", 0.0), n.Attributes.Double("maxValue", 1.0),
            Vector(n, "min"), Vector(n, "max")));
        registry.Register("max_abs_scaler", (n, _) => new MaxAbsScalerModel(n.Info(Package + "MaxAbsScalerModel"), n.Input(), n.Output(), Vector(n, "maxAbs")));
        registry.Register("normalizer", (n, _) => new Normalizer(n.Info(Package + "Normalizer"), n.Input(), n.Output(), n.Attributes.Double("p_norm")));
        registry.Register("bucketizer", Bucketizer);
        registry.Register("binarizer", Binarizer);
        registry.Register("elementwise_product", (n, _) =>
            new ElementwiseProduct(n.Info(Package + "ElementwiseProduct"), n.Input(), n.Output(), Vector(n, "scaling_vec")));
        registry.Register("polynomial_expansion", (n, _) =>
            new PolynomialExpansion(n.Info(Package + "PolynomialExpansion"), n.Input(), n.Output(), n.Attributes.Int("degree")));
        registry.Register("pca", Pca);
        // An absent or typeless inverse is the protobuf default, false.
        registry.Register("dct", (n, _) => new DCT(n.Info(Package + "DCT"), n.Input(), n.Output(), n.Attributes.Bool("inverse", false)));
        registry.Register("chi_sq_selector", (n, _) => new SelectorModel(n.Info(Package + "ChiSqSelectorModel"), n.Input(), n.Output(),
            n.Attributes.IntList("filter_indices").Order().ToArray()));
        registry.Register("vector_slicer", VectorSlicer);
        registry.Register("vector_indexer", VectorIndexer);
        registry.Register("interaction", (n, _) => new Interaction(n.Info(Package + "Interaction"), n.Inputs(), n.Output()));
        registry.Register("feature_hasher", (n, _) => new FeatureHasher(n.Info(Package + "FeatureHasher"), n.Inputs(), n.Output(),
            n.Attributes.Int("num_features"), n.Attributes.Has("categorical_cols") ? n.Attributes.StringList("categorical_cols") : []));
    }

    /// <summary>Spark 3 form: labels_length + labels_array_i; Spark 2 form: labels (one column).</summary>
    private static StageDefinition StringIndexer(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var labels = new List<string[]>();
        if (a.Has("labels_length"))
        {
            int count = a.Int("labels_length");
            if (count is < 1 or > MaxColumns)
                throw a.Error("labels_length", $"{count} is not a column count");
            for (int i = 0; i < count; i++)
                labels.Add(a.StringList("labels_array_" + i.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            labels.Add(a.StringList("labels"));
        }
        return new StringIndexerModel(n.Info(Package + "StringIndexerModel"), n.Inputs(), n.Outputs(), labels, a.String("handle_invalid", "error"));
    }

    /// <summary>
    /// Spark 2.3+ form: category_sizes + drop_last + handle_invalid. Legacy (Spark 2 OneHotEncoder
    /// transformer) form: <c>size</c> is the output length, already one less with drop_last, and
    /// the index <c>size</c> then encodes as all zeros: the same vectors as a fitted encoder over
    /// size (+1 when drop_last) categories, so it becomes one.
    /// </summary>
    private static StageDefinition OneHotEncoder(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        bool dropLast = a.Bool("drop_last", true);
        int[] sizes;
        if (a.Has("category_sizes"))
        {
            sizes = a.IntList("category_sizes");
        }
        else
        {
            long size = a.Long("size");
            if (size is < 0 or >= int.MaxValue)
                throw a.Error("size", $"{size} is not a vector size");
            sizes = [(int)size + (dropLast ? 1 : 0)];
        }
        return new OneHotEncoderModel(n.Info(Package + "OneHotEncoderModel"), n.Inputs(), n.Outputs(), sizes, dropLast,
            a.String("handle_invalid", "error"));
    }

    /// <summary>
    /// MLeap's assembler copies values without checking them: a NaN passes and a null fails, which
    /// is Spark's behaviour before handleInvalid (2.4), whatever Spark the bundle came from.
    /// </summary>
    private static StageDefinition VectorAssembler(MLeapNode n, MLeapLoadContext _)
    {
        var info = n.Info(Package + "VectorAssembler");
        if (info.Version.AtLeast(2, 4))
            info = info with { Version = new SparkVersion(2, 3) };
        return new VectorAssembler(info, n.Inputs(), n.Output(), "error");
    }

    /// <summary>mean is present only with withMean, std only with withStd.</summary>
    private static StageDefinition StandardScaler(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var mean = a.Has("mean") ? Vector(n, "mean") : null;
        var std = a.Has("std") ? Vector(n, "std") : null;
        int size = mean?.Size ?? std?.Size ?? 0;
        if (mean is not null && std is not null && mean.Size != std.Size)
            throw n.Error($"has {mean.Size} means and {std.Size} standard deviations");
        return new StandardScalerModel(n.Info(Package + "StandardScalerModel"), n.Input(), n.Output(), mean is not null, std is not null,
            mean ?? SparkVector.Dense(new double[size]), std ?? SparkVector.Dense(Enumerable.Repeat(1.0, size).ToArray()));
    }

    /// <summary>JSON has no infinities: MLeap writes ±∞ splits as null, read back as NaN, and restores them at the ends.</summary>
    private static StageDefinition Bucketizer(MLeapNode n, MLeapLoadContext _)
    {
        var splits = n.Attributes.DoubleList("splits");
        if (splits.Length > 0 && double.IsNaN(splits[0]))
            splits[0] = double.NegativeInfinity;
        if (splits.Length > 1 && double.IsNaN(splits[^1]))
            splits[^1] = double.PositiveInfinity;
        return new Bucketizer(n.Info(Package + "Bucketizer"), [n.Input()], [n.Output()], [splits], n.Attributes.String("handle_invalid", "error"));
    }

    private static StageDefinition Binarizer(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var inputs = n.Inputs();
        double[] thresholds = a.Has("thresholds") ? a.DoubleList("thresholds") : Enumerable.Repeat(a.Double("threshold", 0.0), inputs.Length).ToArray();
        return new Binarizer(n.Info(Package + "Binarizer"), inputs, n.Outputs(), thresholds);
    }

    /// <summary>principal_components: the F × k matrix, column-major as Spark stores it.</summary>
    private static StageDefinition Pca(MLeapNode n, MLeapLoadContext _)
    {
        var pc = n.Attributes.Tensor("principal_components");
        if (pc.Dimensions.Length != 2)
            throw n.Attributes.Error("principal_components", "is not a matrix");
        return new PCAModel(n.Info(Package + "PCAModel"), n.Input(), n.Output(),
            new SparkMatrix(pc.Dimensions[0], pc.Dimensions[1], pc.Values, isTransposed: false));
    }

    /// <summary>MLeap resolved the names to positions when it wrote the bundle (named_indices); Spark selects indices, then names.</summary>
    private static StageDefinition VectorSlicer(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        int[] indices = a.IntList("indices");
        int[] named = a.Has("named_indices") ? a.IntList("named_indices") : [];
        if (named.Length == 0 && a.Has("names") && a.StringList("names").Length > 0)
            throw a.Error("named_indices", "is missing, so the slot names cannot be resolved");
        return new VectorSlicer(n.Info(Package + "VectorSlicer"), n.Input(), n.Output(), [.. indices, .. named], []);
    }

    /// <summary>keys: the categorical features; key_k_keys / key_k_values: original value → category index.</summary>
    private static StageDefinition VectorIndexer(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var maps = new Dictionary<int, IReadOnlyDictionary<double, int>>();
        foreach (int key in a.IntList("keys"))
        {
            string k = key.ToString(CultureInfo.InvariantCulture);
            var values = a.DoubleList($"key_{k}_keys");
            var indices = a.IntList($"key_{k}_values");
            if (values.Length != indices.Length)
                throw a.Error($"key_{k}_values", $"has {indices.Length} entries for {values.Length} values");
            var map = new Dictionary<double, int>();
            for (int i = 0; i < values.Length; i++)
                map[values[i]] = indices[i];
            if (!maps.TryAdd(key, map))
                throw a.Error("keys", $"lists feature {key} twice");
        }
        return new VectorIndexerModel(n.Info(Package + "VectorIndexerModel"), n.Input(), n.Output(), n.Attributes.Int("num_features"),
            maps, a.String("handle_invalid", "error"));
    }

    /// <summary>A 1-D tensor attribute as a dense vector.</summary>
    internal static SparkVector Vector(MLeapNode n, string name)
    {
        var t = n.Attributes.Tensor(name);
        if (t.Dimensions.Length > 1)
            throw n.Attributes.Error(name, $"is a {t.Dimensions.Length}-D tensor, expected a vector");
        return SparkVector.Dense(t.Values);
    }
}
