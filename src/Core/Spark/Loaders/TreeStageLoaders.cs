using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>
/// Loaders for the decision-tree models (reference §2.4, §5.5–5.7, §6.5–6.7): single trees save
/// their nodes as <c>data/</c> rows; ensembles save <c>data/</c> rows (treeID, nodeData) plus
/// <c>treesMetadata/</c> (treeID, metadata JSON, weights). Follows Spark's
/// DecisionTreeModelReadWrite and EnsembleModelReadWrite (treeModels.scala).
/// </summary>
internal static class TreeStageLoaders
{
    private const string Classification = "org.apache.spark.ml.classification.";
    private const string Regression = "org.apache.spark.ml.regression.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Classification + "DecisionTreeClassificationModel", LoadDecisionTreeClassifier);
        registry.Register(Classification + "RandomForestClassificationModel", LoadRandomForestClassifier);
        registry.Register(Classification + "GBTClassificationModel", LoadGBTClassifier);
        registry.Register(Regression + "DecisionTreeRegressionModel", LoadDecisionTreeRegressor);
        registry.Register(Regression + "RandomForestRegressionModel", LoadRandomForestRegressor);
        registry.Register(Regression + "GBTRegressionModel", LoadGBTRegressor);
    }

    private static StageDefinition LoadDecisionTreeClassifier(SavedStage s)
    {
        int numClasses = s.Metadata.ExtraInt("numClasses");
        var tree = TreeEnsemble.Build([ReadTree(s)], s.Metadata.ExtraInt("numFeatures"), numClasses);
        return new DecisionTreeClassificationModel(s.Info, ClassifierColumns(s), tree, numClasses);
    }

    private static StageDefinition LoadRandomForestClassifier(SavedStage s)
    {
        int numClasses = s.Metadata.ExtraInt("numClasses");
        var (trees, _) = ReadEnsemble(s);
        return new RandomForestClassificationModel(s.Info, ClassifierColumns(s),
            TreeEnsemble.Build(trees, s.Metadata.ExtraInt("numFeatures"), numClasses), numClasses);
    }

    private static StageDefinition LoadGBTClassifier(SavedStage s)
    {
        var (trees, weights) = ReadEnsemble(s);
        var columns = ClassifierColumns(s);
        // GBTClassificationModel became probabilistic in 2.2; before it only predicted.
        if (s.Version.Before(2, 2))
            columns = columns with { RawPredictionCol = "", ProbabilityCol = "", Thresholds = null };
        return new GBTClassificationModel(s.Info, columns, TreeEnsemble.Build(trees, s.Metadata.ExtraInt("numFeatures")), weights);
    }

    private static StageDefinition LoadDecisionTreeRegressor(SavedStage s)
    {
        var columns = RegressorColumns(s) with { VarianceCol = s.Params.StringOrNull("varianceCol") ?? "" };
        var tree = TreeEnsemble.Build([ReadTree(s)], s.Metadata.ExtraInt("numFeatures"), columns.VarianceCol.Length > 0 ? 3 : 0);
        return new DecisionTreeRegressionModel(s.Info, columns, tree);
    }

    private static StageDefinition LoadRandomForestRegressor(SavedStage s)
    {
        var (trees, _) = ReadEnsemble(s);
        return new RandomForestRegressionModel(s.Info, RegressorColumns(s), TreeEnsemble.Build(trees, s.Metadata.ExtraInt("numFeatures")));
    }

    private static StageDefinition LoadGBTRegressor(SavedStage s)
    {
        var (trees, weights) = ReadEnsemble(s);
        return new GBTRegressionModel(s.Info, RegressorColumns(s), TreeEnsemble.Build(trees, s.Metadata.ExtraInt("numFeatures")), weights);
    }

    private static TreeOutputColumns ClassifierColumns(SavedStage s) => RegressorColumns(s) with
    {
        RawPredictionCol = s.Params.String("rawPredictionCol", "rawPrediction"),
        ProbabilityCol = s.Params.String("probabilityCol", "probability"),
        Thresholds = s.Params.DoubleArray("thresholds"),
    };

    /// <summary>leafCol exists from 3.0 (default ""); older files have no leaf column.</summary>
    private static TreeOutputColumns RegressorColumns(SavedStage s) => new(
        s.Params.String("featuresCol", "features"),
        s.Params.String("predictionCol", "prediction"),
        s.Params.String("leafCol", ""));

    private static TreeNode[] ReadTree(SavedStage s) => s.ReadData().Select(ReadNode).ToArray();

    /// <summary>Trees ordered by treeID with their weights; node and metadata tree ids must agree, as must numTrees.</summary>
    private static (IReadOnlyList<TreeNode>[] Trees, double[] Weights) ReadEnsemble(SavedStage s)
    {
        var byTree = new SortedDictionary<int, List<TreeNode>>();
        foreach (var row in s.ReadData())
        {
            int id = row.GetInt("treeID");
            if (!byTree.TryGetValue(id, out var nodes))
                byTree[id] = nodes = [];
            nodes.Add(ReadNode(row.GetRow("nodeData")));
        }
        var weights = new SortedDictionary<int, double>();
        foreach (var row in s.ReadData("treesMetadata"))
        {
            if (!weights.TryAdd(row.GetInt("treeID"), row.GetDouble("weights")))
                throw s.Error($"treesMetadata/ lists tree {row.GetInt("treeID")} twice.");
        }
        if (!byTree.Keys.SequenceEqual(weights.Keys))
            throw s.Error($"data/ holds trees [{string.Join(",", byTree.Keys)}] but treesMetadata/ describes [{string.Join(",", weights.Keys)}].");
        int numTrees = s.Metadata.ExtraInt("numTrees");
        if (numTrees != byTree.Count)
            throw s.Error($"metadata says numTrees = {numTrees} but {byTree.Count} trees are saved.");
        return (byTree.Values.ToArray<IReadOnlyList<TreeNode>>(), weights.Values.ToArray());
    }

    /// <summary>NodeData: id, prediction, impurity, impurityStats, rawCount (3.0+), gain, leftChild, rightChild, split.</summary>
    private static TreeNode ReadNode(DataRow row)
    {
        var split = row.GetRow("split");
        return new TreeNode(
            row.GetInt("id"),
            row.GetDouble("prediction"),
            row.GetDoubleArray("impurityStats"),
            row.GetInt("leftChild"),
            row.GetInt("rightChild"),
            split.GetInt("featureIndex"),
            split.GetDoubleArray("leftCategoriesOrThreshold"),
            split.GetInt("numCategories"));
    }
}
