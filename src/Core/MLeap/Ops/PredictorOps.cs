using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>MLeap linear, probabilistic and clustering model ops → their Spark definitions (mleap-bundle-format §3.3).</summary>
internal static class PredictorOps
{
    private const string Classification = "org.apache.spark.ml.classification.";
    private const string Regression = "org.apache.spark.ml.regression.";
    private const string Clustering = "org.apache.spark.ml.clustering.";

    public static void Register(MLeapOpRegistry registry)
    {
        registry.Register("linear_regression", (n, _) => new LinearRegressionModel(n.Info(Regression + "LinearRegressionModel"),
            n.Input("features"), n.OptionalOutput("prediction"), FeatureOps.Vector(n, "coefficients"), n.Attributes.Double("intercept", 0.0)));
        registry.Register("logistic_regression", LogisticRegression);
        registry.Register("linear_svc", (n, _) => new LinearSVCModel(n.Info(Classification + "LinearSVCModel"),
            n.Input("features"), n.OptionalOutput("prediction"), n.OptionalOutput("raw_prediction"),
            FeatureOps.Vector(n, "coefficients"), n.Attributes.Double("intercept", 0.0), n.Attributes.Double("threshold", 0.0)));
        registry.Register("naive_bayes", NaiveBayes);
        registry.Register("multi_layer_perceptron_classifier", (n, _) => new MultilayerPerceptronClassificationModel(
            n.Info(Classification + "MultilayerPerceptronClassificationModel"), n.Input("features"),
            n.OptionalOutput("prediction"), n.OptionalOutput("raw_prediction"), n.OptionalOutput("probability"),
            n.Attributes.IntList("layers"), FeatureOps.Vector(n, "weights").ToArray(), Thresholds(n)));
        registry.Register("generalized_linear_regression", GeneralizedLinearRegression);
        registry.Register("isotonic_regression", (n, _) => new IsotonicRegressionModel(n.Info(Regression + "IsotonicRegressionModel"),
            n.Input("features"), n.OptionalOutput("prediction"), n.Attributes.Int("feature_index", 0),
            n.Attributes.DoubleList("boundaries"), n.Attributes.DoubleList("predictions")));
        // MLeap stores no distance measure: its k-means is Euclidean.
        registry.Register("k_means", (n, _) => new KMeansModel(n.Info(Clustering + "KMeansModel"), n.Input("features"),
            n.OptionalOutput("prediction"), "euclidean",
            n.Attributes.TensorList("cluster_centers").Select(t => SparkVector.Dense(t.Values)).ToArray()));
        registry.Register("bisecting_k_means", BisectingKMeans);
        registry.Register("gaussian_mixture", GaussianMixture);
        registry.Register("aft_survival_regression", (n, _) => new AFTSurvivalRegressionModel(
            n.Info(Regression + "AFTSurvivalRegressionModel"), n.Input("features"), n.OptionalOutput("prediction"), n.OptionalOutput("quantiles"),
            n.Attributes.Has("quantile_probabilities") ? n.Attributes.DoubleList("quantile_probabilities") : AFTSurvivalRegressionModel.DefaultQuantileProbabilities,
            FeatureOps.Vector(n, "coefficients"), n.Attributes.Double("intercept", 0.0), n.Attributes.Double("scale")));
    }

    /// <summary>means / covs (F × F, column-major) / weights, one entry per component.</summary>
    private static StageDefinition GaussianMixture(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var means = a.TensorList("means");
        var covs = a.TensorList("covs");
        var weights = a.DoubleList("weights");
        if (means.Length == 0 || covs.Length != means.Length || weights.Length != means.Length)
            throw n.Error($"has {means.Length} means, {covs.Length} covs and {weights.Length} weights; expected one of each per component");
        int f = means[0].Values.Length;
        var components = new GaussianComponent[means.Length];
        for (int k = 0; k < means.Length; k++)
        {
            if (means[k].Values.Length != f)
                throw a.Error("means", $"component {k} has {means[k].Values.Length} values, component 0 has {f}");
            var cov = covs[k];
            if (cov.Dimensions.Length != 2 || cov.Dimensions[0] != f || cov.Dimensions[1] != f)
                throw a.Error("covs", $"component {k} is not a {f} × {f} matrix");
            // Column-major → row-major (GaussianComponent's layout).
            var rowMajor = new double[f * f];
            for (int i = 0; i < f; i++)
                for (int j = 0; j < f; j++)
                    rowMajor[i * f + j] = cov.Values[j * f + i];
            components[k] = new GaussianComponent(weights[k], means[k].Values, rowMajor);
        }
        return new GaussianMixtureModel(n.Info(Clustering + "GaussianMixtureModel"), n.Input("features"),
            n.OptionalOutput("prediction"), n.OptionalOutput("probability"), components);
    }

    internal static double[]? Thresholds(MLeapNode n) => n.Attributes.Has("thresholds") ? n.Attributes.DoubleList("thresholds") : null;

    /// <summary>
    /// Binary: coefficients + intercept + threshold (Spark's effective getThreshold). Multinomial:
    /// coefficient_matrix (K × F, column-major) + intercept_vector (+ thresholds).
    /// </summary>
    private static StageDefinition LogisticRegression(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var info = n.Info(Classification + "LogisticRegressionModel");
        string features = n.Input("features"), prediction = n.OptionalOutput("prediction"),
            raw = n.OptionalOutput("raw_prediction"), probability = n.OptionalOutput("probability");
        int numClasses = a.Int("num_classes", 2);
        if (a.Has("coefficient_matrix"))
        {
            var m = a.Tensor("coefficient_matrix");
            if (m.Dimensions.Length != 2)
                throw a.Error("coefficient_matrix", "is not a matrix");
            var matrix = new SparkMatrix(m.Dimensions[0], m.Dimensions[1], m.Values, isTransposed: false);
            return new LogisticRegressionModel(info, features, prediction, raw, probability, matrix, FeatureOps.Vector(n, "intercept_vector"),
                numClasses, isMultinomial: true, threshold: 0.5, thresholdIsSet: false, Thresholds(n));
        }
        var coefficients = FeatureOps.Vector(n, "coefficients");
        // One row: row- and column-major hold the same values, and Spark keeps binomial coefficients row-major.
        var row = new SparkMatrix(1, coefficients.Size, coefficients.ToArray(), isTransposed: true);
        return new LogisticRegressionModel(info, features, prediction, raw, probability, row, SparkVector.Dense([a.Double("intercept", 0.0)]),
            numClasses, isMultinomial: false, a.Double("threshold", 0.5), thresholdIsSet: a.Has("threshold"), thresholds: null);
    }

    /// <summary>theta / sigma: K × F, column-major; sigma is 0 × 0 unless the model is gaussian.</summary>
    private static StageDefinition NaiveBayes(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        var theta = Matrix(n, "theta");
        SparkMatrix? sigma = a.Has("sigma") ? Matrix(n, "sigma") : null;
        if (sigma is { NumRows: 0 } or { NumCols: 0 })
            sigma = null;
        return new NaiveBayesModel(n.Info(Classification + "NaiveBayesModel"), n.Input("features"),
            n.OptionalOutput("prediction"), n.OptionalOutput("raw_prediction"), n.OptionalOutput("probability"),
            a.String("model_type", "multinomial"), FeatureOps.Vector(n, "pi"), theta, sigma, Thresholds(n));
    }

    /// <summary>MLeap does not store tweedie powers, so a tweedie model cannot be rebuilt.</summary>
    private static StageDefinition GeneralizedLinearRegression(MLeapNode n, MLeapLoadContext _)
    {
        var a = n.Attributes;
        string family = a.String("family", "gaussian");
        if (family == "tweedie")
            throw a.Error("family", "tweedie models need variancePower and linkPower, which MLeap bundles do not store");
        string? link = a.Has("link") ? a.String("link") : null;
        return new GeneralizedLinearRegressionModel(n.Info(Regression + "GeneralizedLinearRegressionModel"), n.Input("features"),
            n.OptionalOutput("prediction"), n.OptionalOutput("link_prediction"), "", family, string.IsNullOrEmpty(link) ? null : link,
            0.0, null, FeatureOps.Vector(n, "coefficients"), a.Double("intercept", 0.0));
    }

    /// <summary>tree.json: pre-order {index, norm, values, numChildren}; a node's children follow it.</summary>
    private static StageDefinition BisectingKMeans(MLeapNode n, MLeapLoadContext context)
    {
        string path = ModelPathOf(n, "tree.json");
        var flat = new List<(int Index, double Norm, double[] Center, int Children)>();
        using (var reader = new StreamReader(context.Files.OpenRead(path)))
        {
            while (reader.ReadLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                var e = doc.RootElement;
                flat.Add((e.GetProperty("index").GetInt32(), e.GetProperty("norm").GetDouble(),
                    e.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(), e.GetProperty("numChildren").GetInt32()));
            }
        }
        // Ids: leaves keep their cluster index; internal nodes get fresh negative ids (MLeap's may repeat).
        var nodes = new List<BisectingNode>();
        int position = 0, nextInternal = -1;
        int root = Read(flat, ref position, nodes, ref nextInternal, path, 0);
        if (position != flat.Count)
            throw new Spark.ModelLoadException(path, $"has {flat.Count - position} nodes after the end of the tree.");
        return new BisectingKMeansModel(n.Info(Clustering + "BisectingKMeansModel"), n.Input("features"), n.OptionalOutput("prediction"),
            "euclidean", root, nodes);
    }

    private static int Read(List<(int Index, double Norm, double[] Center, int Children)> flat, ref int position, List<BisectingNode> nodes,
        ref int nextInternal, string path, int depth)
    {
        if (depth > 1024 || position >= flat.Count)
            throw new Spark.ModelLoadException(path, depth > 1024 ? "the cluster tree is deeper than 1024 levels." : "ends before the tree is complete.");
        var (index, norm, center, count) = flat[position++];
        if (count < 0 || count > flat.Count)
            throw new Spark.ModelLoadException(path, $"node {index} claims {count} children.");
        int id = count == 0 ? index : nextInternal--;
        var children = new int[count];
        for (int c = 0; c < count; c++)
            children[c] = Read(flat, ref position, nodes, ref nextInternal, path, depth + 1);
        nodes.Add(new BisectingNode(id, SparkVector.Dense(center), norm, children));
        return id;
    }

    private static SparkMatrix Matrix(MLeapNode n, string name)
    {
        var t = n.Attributes.Tensor(name);
        if (t.Dimensions.Length != 2)
            throw n.Attributes.Error(name, "is not a matrix");
        return new SparkMatrix(t.Dimensions[0], t.Dimensions[1], t.Values, isTransposed: false);
    }

    private static string ModelPathOf(MLeapNode n, string file) => Spark.ModelPath.Combine(n.Path, file);
}
