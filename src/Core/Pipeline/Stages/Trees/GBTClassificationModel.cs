namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.GBTClassificationModel (binary): margin m = BLAS ddot(leaf
/// predictions of the regression trees, tree weights); raw = [−m, m]; probability (2.2+, log
/// loss) p0 = 1 / (1 + exp(−2·(−m))), p1 = 1 − p0; prediction = m &gt; 0 when thresholds are
/// undefined (else via probability). Spark ≤ 2.1 outputs only the prediction (the loader disables
/// raw and probability). leafCol (3.0+) = vector of leaf indices.
/// Follows GBTClassifier.scala (margin, predict, predictRaw, raw2probabilityInPlace) and
/// LogLoss.computeProbability.
/// </summary>
public sealed class GBTClassificationModel : TreeClassifierStage
{
    private readonly double[] _weights;

    public GBTClassificationModel(StageInfo info, TreeOutputColumns columns, TreeEnsemble trees, double[] treeWeights)
        : base(info, columns, trees, 2)
    {
        if (treeWeights.Length != trees.NumTrees)
            throw new ArgumentException($"{trees.NumTrees} trees but {treeWeights.Length} tree weights.");
        _weights = treeWeights;
    }

    public IReadOnlyList<double> TreeWeights => _weights;

    internal override TreeClassifierStage WithColumns(TreeOutputColumns columns) => new GBTClassificationModel(Info, columns, Trees, _weights);

    internal override ClassifierKernel CreateKernel(ClassifierSlots slots) =>
        new Kernel(slots, Columns.Thresholds, Trees, _weights, BlasFlavors.For(Info.Version));

    private sealed class Kernel(ClassifierSlots slots, double[]? thresholds, TreeEnsemble trees, double[] weights, BlasFlavor flavor)
        : TreeClassifierKernel(slots, thresholds, trees, strictNormalize: false)
    {
        protected override void PredictRaw(in VectorView features, Span<double> raw)
        {
            double m = Margin(features);
            raw[0] = -m;
            raw[1] = m;
        }

        protected override string? RawToProbabilityInPlace(Span<double> values)
        {
            values[0] = 1.0 / (1.0 + Math.Exp(-2.0 * values[0]));
            values[1] = 1.0 - values[0];
            return null;
        }

        protected override double PredictFromFeatures(in VectorView features, Span<double> raw, Span<double> scratch) =>
            Thresholds is null
                ? (Margin(features) > 0.0 ? 1.0 : 0.0)
                : base.PredictFromFeatures(features, raw, scratch);

        private double Margin(in VectorView features)
        {
            int n = Trees.NumTrees;
            Span<int> leaves = n <= TreeEnsemble.StackTrees ? stackalloc int[n] : TreeEnsemble.LeafBuffer(n);
            Trees.FindLeaves(features, leaves);
            return Trees.WeightedSum(leaves, weights, flavor);
        }
    }
}
