using System.Text;

namespace Ember.Spark;

/// <summary>
/// docs/stages.md: every spark.ml Transformer/Model class with Ember's support status, rendered
/// from a registry so the page cannot drift from the code (a test regenerates and compares it).
/// </summary>
internal static class StageSupportTable
{
    /// <summary>
    /// The Transformer and Model classes of Spark's mllib/src/main/scala/org/apache/spark/ml tree
    /// (2.0–4.x) that a saved pipeline can hold, package-qualified.
    /// </summary>
    public static readonly string[] KnownSparkClasses =
    [
        "org.apache.spark.ml.PipelineModel",
        "org.apache.spark.ml.classification.DecisionTreeClassificationModel",
        "org.apache.spark.ml.classification.FMClassificationModel",
        "org.apache.spark.ml.classification.GBTClassificationModel",
        "org.apache.spark.ml.classification.LinearSVCModel",
        "org.apache.spark.ml.classification.LogisticRegressionModel",
        "org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel",
        "org.apache.spark.ml.classification.NaiveBayesModel",
        "org.apache.spark.ml.classification.OneVsRestModel",
        "org.apache.spark.ml.classification.RandomForestClassificationModel",
        "org.apache.spark.ml.clustering.BisectingKMeansModel",
        "org.apache.spark.ml.clustering.DistributedLDAModel",
        "org.apache.spark.ml.clustering.GaussianMixtureModel",
        "org.apache.spark.ml.clustering.KMeansModel",
        "org.apache.spark.ml.clustering.LocalLDAModel",
        "org.apache.spark.ml.feature.Binarizer",
        "org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel",
        "org.apache.spark.ml.feature.Bucketizer",
        "org.apache.spark.ml.feature.ChiSqSelectorModel",
        "org.apache.spark.ml.feature.ColumnPruner",
        "org.apache.spark.ml.feature.CountVectorizerModel",
        "org.apache.spark.ml.feature.DCT",
        "org.apache.spark.ml.feature.ElementwiseProduct",
        "org.apache.spark.ml.feature.FeatureHasher",
        "org.apache.spark.ml.feature.HashingTF",
        "org.apache.spark.ml.feature.IDFModel",
        "org.apache.spark.ml.feature.ImputerModel",
        "org.apache.spark.ml.feature.IndexToString",
        "org.apache.spark.ml.feature.Interaction",
        "org.apache.spark.ml.feature.MaxAbsScalerModel",
        "org.apache.spark.ml.feature.MinHashLSHModel",
        "org.apache.spark.ml.feature.MinMaxScalerModel",
        "org.apache.spark.ml.feature.NGram",
        "org.apache.spark.ml.feature.Normalizer",
        "org.apache.spark.ml.feature.OneHotEncoder",
        "org.apache.spark.ml.feature.OneHotEncoderModel",
        "org.apache.spark.ml.feature.PCAModel",
        "org.apache.spark.ml.feature.PolynomialExpansion",
        "org.apache.spark.ml.feature.RFormulaModel",
        "org.apache.spark.ml.feature.RegexTokenizer",
        "org.apache.spark.ml.feature.RobustScalerModel",
        "org.apache.spark.ml.feature.SQLTransformer",
        "org.apache.spark.ml.feature.StandardScalerModel",
        "org.apache.spark.ml.feature.StopWordsRemover",
        "org.apache.spark.ml.feature.StringIndexerModel",
        "org.apache.spark.ml.feature.TargetEncoderModel",
        "org.apache.spark.ml.feature.Tokenizer",
        "org.apache.spark.ml.feature.UnivariateFeatureSelectorModel",
        "org.apache.spark.ml.feature.VarianceThresholdSelectorModel",
        "org.apache.spark.ml.feature.VectorAssembler",
        "org.apache.spark.ml.feature.VectorAttributeRewriter",
        "org.apache.spark.ml.feature.VectorIndexerModel",
        "org.apache.spark.ml.feature.VectorSizeHint",
        "org.apache.spark.ml.feature.VectorSlicer",
        "org.apache.spark.ml.feature.Word2VecModel",
        "org.apache.spark.ml.fpm.FPGrowthModel",
        "org.apache.spark.ml.recommendation.ALSModel",
        "org.apache.spark.ml.regression.AFTSurvivalRegressionModel",
        "org.apache.spark.ml.regression.DecisionTreeRegressionModel",
        "org.apache.spark.ml.regression.FMRegressionModel",
        "org.apache.spark.ml.regression.GBTRegressionModel",
        "org.apache.spark.ml.regression.GeneralizedLinearRegressionModel",
        "org.apache.spark.ml.regression.IsotonicRegressionModel",
        "org.apache.spark.ml.regression.LinearRegressionModel",
        "org.apache.spark.ml.regression.RandomForestRegressionModel",
        "org.apache.spark.ml.tuning.CrossValidatorModel",
        "org.apache.spark.ml.tuning.TrainValidationSplitModel",
    ];

    /// <summary>The whole page, deterministic (ordinal order, "\n" line ends).</summary>
    public static string Render(SparkStageRegistry registry)
    {
        var all = new SortedSet<string>(KnownSparkClasses, StringComparer.Ordinal);
        all.UnionWith(registry.SupportedClasses.Where(c => !registry.CustomClasses.Contains(c)));
        all.UnionWith(registry.UnsupportedClasses.Keys);
        var sb = new StringBuilder();
        sb.Append("# Spark ML stages in Ember\n\n");
        sb.Append("Generated from `SparkStageRegistry.CreateDefault()` by the test `StageSupportTableTests`; do not edit by hand.\n");
        sb.Append("Refresh with `EMBER_UPDATE_DOCS=1 dotnet test tests/Ember.Core.Tests --filter StageSupportTableTests`.\n\n");
        sb.Append("- **supported**: Ember loads the class and reproduces its `transform()`.\n");
        sb.Append("- **refused**: Ember knows the class and says why it cannot serve it.\n");
        sb.Append("- **not yet**: a spark.ml class with no loader in Ember yet; loading it fails naming the class.\n\n");
        sb.Append("Your own Transformer classes can be served through a C# kernel: see [custom-stages.md](custom-stages.md).\n\n");
        int supported = 0, refused = 0, missing = 0;
        var rows = new StringBuilder();
        rows.Append("| Class | Package | Status | Notes |\n|---|---|---|---|\n");
        foreach (string cls in all)
        {
            int dot = cls.LastIndexOf('.');
            string package = cls[..dot], name = cls[(dot + 1)..];
            string status, notes;
            if (registry.TryGet(cls, out _))
            {
                (status, notes) = ("supported", "");
                supported++;
            }
            else if (registry.UnsupportedReason(cls) is { } reason)
            {
                (status, notes) = ("refused", reason);
                refused++;
            }
            else
            {
                (status, notes) = ("not yet", "");
                missing++;
            }
            rows.Append($"| {name} | {package} | {status} | {notes.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        sb.Append($"{supported} supported, {refused} refused, {missing} not yet.\n\n");
        sb.Append(rows);
        return sb.ToString();
    }
}
