using Ember.Pipeline;

namespace Ember.MLeap.Ops;

/// <summary>
/// MLeap tree ops → Spark tree definitions. A single tree's nodes are in its node directory;
/// ensembles list sub-model directories (<c>trees</c>: tree0, tree1, …) each with model.json and
/// tree.json (or tree.pb in 0.5/0.6 bundles). Random-forest classifier trees are classification
/// trees (leaf values = class counts, Spark's impurity stats); GBT trees are regression trees.
/// </summary>
internal static class TreeOps
{
    private const string Classification = "org.apache.spark.ml.classification.";
    private const string Regression = "org.apache.spark.ml.regression.";

    /// <summary>More trees than this is not a real model.</summary>
    private const int MaxTrees = 100_000;

    public static void Register(MLeapOpRegistry registry)
    {
        registry.Register("decision_tree_regression", (n, c) => new DecisionTreeRegressionModel(n.Info(Regression + "DecisionTreeRegressionModel"),
            RegressorColumns(n), TreeEnsemble.Build([MLeapTreeReader.Read(c.Files, n.Path, classification: false)], NumFeatures(n))));
        registry.Register("random_forest_regression", (n, c) => new RandomForestRegressionModel(n.Info(Regression + "RandomForestRegressionModel"),
            RegressorColumns(n), TreeEnsemble.Build(Trees(n, c, "decision_tree_regression", false), NumFeatures(n))));
        registry.Register("gbt_regression", (n, c) => new GBTRegressionModel(n.Info(Regression + "GBTRegressionModel"),
            RegressorColumns(n), TreeEnsemble.Build(Trees(n, c, "decision_tree_regression", false), NumFeatures(n)), Weights(n)));
        registry.Register("decision_tree_classifier", (n, c) =>
        {
            int classes = NumClasses(n);
            return new DecisionTreeClassificationModel(n.Info(Classification + "DecisionTreeClassificationModel"), ClassifierColumns(n),
                TreeEnsemble.Build([MLeapTreeReader.Read(c.Files, n.Path, classification: true)], NumFeatures(n), classes), classes);
        });
        registry.Register("random_forest_classifier", (n, c) =>
        {
            int classes = NumClasses(n);
            return new RandomForestClassificationModel(n.Info(Classification + "RandomForestClassificationModel"), ClassifierColumns(n),
                TreeEnsemble.Build(Trees(n, c, "decision_tree_classifier", true), NumFeatures(n), classes), classes);
        });
        registry.Register("gbt_classifier", (n, c) =>
        {
            int classes = NumClasses(n);
            if (classes != 2)
                throw n.Error($"has num_classes {classes}; Spark's GBT classifier is binary");
            return new GBTClassificationModel(n.Info(Classification + "GBTClassificationModel"), ClassifierColumns(n),
                TreeEnsemble.Build(Trees(n, c, "decision_tree_regression", false), NumFeatures(n)), Weights(n));
        });
    }

    private static List<TreeNode>[] Trees(MLeapNode n, MLeapLoadContext context, string treeOp, bool classification)
    {
        var names = n.Attributes.StringList("trees");
        if (names.Length > MaxTrees)
            throw n.Attributes.Error("trees", $"lists {names.Length} trees, more than {MaxTrees}");
        var trees = new List<TreeNode>[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            var sub = context.ReadSubModel(n, names[i]);
            if (sub.Op != treeOp)
                throw sub.Error($"is a {sub.Op}; {n.Op} trees are {treeOp}");
            trees[i] = MLeapTreeReader.Read(context.Files, sub.Path, classification);
        }
        return trees;
    }

    private static double[] Weights(MLeapNode n)
    {
        var weights = n.Attributes.DoubleList("tree_weights");
        int trees = n.Attributes.StringList("trees").Length;
        return weights.Length == trees ? weights : throw n.Error($"has {weights.Length} tree weights for {trees} trees");
    }

    private static int NumFeatures(MLeapNode n) => n.Attributes.Int("num_features");

    private static int NumClasses(MLeapNode n) => n.Attributes.Int("num_classes");

    private static TreeOutputColumns RegressorColumns(MLeapNode n) => new(n.Input("features"), n.OptionalOutput("prediction"));

    private static TreeOutputColumns ClassifierColumns(MLeapNode n) => RegressorColumns(n) with
    {
        RawPredictionCol = n.OptionalOutput("raw_prediction"),
        ProbabilityCol = n.OptionalOutput("probability"),
        Thresholds = PredictorOps.Thresholds(n),
    };
}
