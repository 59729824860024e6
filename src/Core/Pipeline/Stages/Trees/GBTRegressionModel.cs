namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.GBTRegressionModel: prediction = BLAS ddot(leaf predictions,
/// tree weights) with the saving version's BLAS arithmetic; leafCol (3.0+) = vector of leaf indices.
/// Follows GBTRegressor.scala (predict).
/// </summary>
public sealed class GBTRegressionModel : TreeRegressorStage
{
    private readonly double[] _weights;

    public GBTRegressionModel(StageInfo info, TreeOutputColumns columns, TreeEnsemble trees, double[] treeWeights)
        : base(info, columns, trees)
    {
        if (treeWeights.Length != trees.NumTrees)
            throw new ArgumentException($"{trees.NumTrees} trees but {treeWeights.Length} tree weights.");
        _weights = treeWeights;
    }

    public IReadOnlyList<double> TreeWeights => _weights;

    internal override TreeAggregation Aggregation => TreeAggregation.WeightedSum;

    internal override double[]? Weights => _weights;
}
