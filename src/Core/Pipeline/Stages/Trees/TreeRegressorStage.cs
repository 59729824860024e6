namespace Ember.Pipeline;

/// <summary>How a tree regressor turns the leaves it reached into one prediction.</summary>
internal enum TreeAggregation
{
    /// <summary>The one leaf's prediction (DecisionTreeRegressionModel).</summary>
    SingleTree,
    /// <summary>Σ predictions in tree order / numTrees (RandomForestRegressionModel).</summary>
    Average,
    /// <summary>BLAS ddot of predictions and tree weights (GBTRegressionModel).</summary>
    WeightedSum,
}

/// <summary>
/// What the three tree regressors share: prediction (double), varianceCol (single tree, only when
/// defined and non-empty), then leafCol — in the order Spark's transformImpl adds them.
/// </summary>
public abstract class TreeRegressorStage(StageInfo info, TreeOutputColumns columns, TreeEnsemble trees) : StageDefinition(info)
{
    public TreeOutputColumns Columns { get; } = columns;

    public TreeEnsemble Trees { get; } = trees;

    internal abstract TreeAggregation Aggregation { get; }

    internal virtual double[]? Weights => null;

    public override long EstimatedBytes => 256 + Trees.NodeCount * 40L + Trees.LeafStats.Length * 8L;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() => Columns.Describe(Trees);

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(Columns.FeaturesCol, TypeSet.Vector, SparkType.Vector, Trees.NumFeatures);
        var added = new List<ColumnInfo>();
        int prediction = -1, variance = -1;
        if (Columns.PredictionCol.Length > 0)
        {
            added.Add(builder.AddColumn(Columns.PredictionCol, SparkType.Double));
            prediction = added[^1].Slot;
        }
        if (Columns.VarianceCol.Length > 0)
        {
            if (Trees.StatsWidth != 3)
                throw builder.Error(Columns.VarianceCol, "varianceCol needs the leaves' variance statistics, which this model was loaded without.");
            added.Add(builder.AddColumn(Columns.VarianceCol, SparkType.Double));
            variance = added[^1].Slot;
        }
        if (added.Count > 0)
        {
            var kernel = new TreeRegressionKernel(Trees, features.Name, features.Slot, Aggregation, Weights,
                BlasFlavors.For(Info.Version), prediction, variance);
            builder.AddKernel(kernel, [features.Slot], added.Select(c => c.Slot).ToArray());
            builder.MarkPredictorOutputs(added.ToArray());
        }
        TreeLeafKernel.Add(builder, Trees, features, Columns.LeafCol, Trees.NumTrees == 1 && Aggregation == TreeAggregation.SingleTree);
    }
}

/// <summary>The per-row work of every tree regressor.</summary>
internal sealed class TreeRegressionKernel(TreeEnsemble trees, string featuresName, int featuresSlot, TreeAggregation aggregation,
    double[]? weights, BlasFlavor flavor, int prediction, int variance) : TreeRowKernel(trees, featuresName, featuresSlot)
{
    protected override void Write(Frame frame, int row, ReadOnlySpan<int> leaves)
    {
        if (prediction >= 0)
        {
            double p = aggregation switch
            {
                TreeAggregation.SingleTree => Trees.LeafPrediction[leaves[0]],
                TreeAggregation.Average => Trees.Average(leaves),
                _ => Trees.WeightedSum(leaves, weights, flavor),
            };
            frame.Column<DoubleColumn>(prediction).Set(row, p);
        }
        if (variance >= 0)
        {
            // Spark's Variance.calculate(count, sum, sumSquares) on the leaf's impurity stats.
            int s = leaves[0] * 3;
            var stats = Trees.LeafStats;
            double count = stats[s], sum = stats[s + 1], squares = stats[s + 2];
            frame.Column<DoubleColumn>(variance).Set(row, count == 0 ? 0.0 : (squares - sum * sum / count) / count);
        }
    }
}
