namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.DecisionTreeClassificationModel: raw = the reached leaf's
/// impurity stats (class counts, weighted from 3.0); probability = raw / Σ raw; prediction =
/// argmax(raw) or the thresholds rule, but the leaf's own prediction when neither raw nor
/// probability is output (Spark's predict override). leafCol (3.0+) = leaf index as a double.
/// Follows DecisionTreeClassifier.scala (predict, predictRaw, raw2probabilityInPlace).
/// </summary>
public sealed class DecisionTreeClassificationModel(StageInfo info, TreeOutputColumns columns, TreeEnsemble tree, int numClasses)
    : TreeClassifierStage(info, columns, tree, numClasses)
{
    internal override TreeClassifierStage WithColumns(TreeOutputColumns columns) => new DecisionTreeClassificationModel(Info, columns, Trees, NumClasses);

    internal override ClassifierKernel CreateKernel(ClassifierSlots slots) =>
        new Kernel(slots, Columns.Thresholds, Trees, Info.Version.AtLeast(3, 0));

    private sealed class Kernel(ClassifierSlots slots, double[]? thresholds, TreeEnsemble tree, bool strict)
        : TreeClassifierKernel(slots, thresholds, tree, strict)
    {
        protected override void PredictRaw(in VectorView features, Span<double> raw)
        {
            Span<int> leaf = stackalloc int[1];
            Trees.FindLeaves(features, leaf);
            Trees.LeafStats.AsSpan(leaf[0] * NumClasses, NumClasses).CopyTo(raw);
        }

        protected override double PredictFromFeatures(in VectorView features, Span<double> raw, Span<double> scratch)
        {
            Span<int> leaf = stackalloc int[1];
            Trees.FindLeaves(features, leaf);
            return Trees.LeafPrediction[leaf[0]];
        }
    }
}
