namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.classification.RandomForestClassificationModel: raw_i = Σ over trees, in
/// order, of stats_i / Σ stats of the reached leaf (trees whose leaf stats sum to 0 add nothing);
/// probability = raw / Σ raw (3.x refuses an all-zero raw); prediction = argmax(raw) or the
/// thresholds rule. leafCol (3.0+) = vector of leaf indices.
/// Follows RandomForestClassifier.scala (predictRaw, raw2probabilityInPlace).
/// </summary>
public sealed class RandomForestClassificationModel(StageInfo info, TreeOutputColumns columns, TreeEnsemble trees, int numClasses)
    : TreeClassifierStage(info, columns, trees, numClasses)
{
    internal override TreeClassifierStage WithColumns(TreeOutputColumns columns) => new RandomForestClassificationModel(Info, columns, Trees, NumClasses);

    internal override ClassifierKernel CreateKernel(ClassifierSlots slots) =>
        new Kernel(slots, Columns.Thresholds, Trees, Info.Version.AtLeast(3, 0));

    private sealed class Kernel : TreeClassifierKernel
    {
        // Each leaf's class distribution stats_i / total, divided once here exactly as Spark divides per row.
        private readonly double[] _votes;
        private readonly bool[] _votes0;

        public Kernel(ClassifierSlots slots, double[]? thresholds, TreeEnsemble trees, bool strict)
            : base(slots, thresholds, trees, strict)
        {
            int k = slots.NumClasses;
            _votes = new double[trees.LeafCount * k];
            _votes0 = new bool[trees.LeafCount];
            var stats = trees.LeafStats;
            for (int leaf = 0; leaf < trees.LeafCount; leaf++)
            {
                double total = 0.0;
                for (int i = 0; i < k; i++)
                    total += stats[leaf * k + i];
                _votes0[leaf] = total == 0.0;
                for (int i = 0; i < k; i++)
                    _votes[leaf * k + i] = total == 0.0 ? 0.0 : stats[leaf * k + i] / total;
            }
        }

        protected override void PredictRaw(in VectorView features, Span<double> raw)
        {
            int n = Trees.NumTrees, k = NumClasses;
            Span<int> leaves = n <= TreeEnsemble.StackTrees ? stackalloc int[n] : TreeEnsemble.LeafBuffer(n);
            Trees.FindLeaves(features, leaves);
            raw.Clear();
            var votes = _votes;
            for (int t = 0; t < n; t++)
            {
                int leaf = leaves[t];
                if (_votes0[leaf])
                    continue;
                var v = votes.AsSpan(leaf * k, k);
                for (int i = 0; i < k; i++)
                    raw[i] += v[i];
            }
        }
    }
}
