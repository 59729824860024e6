namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.RandomForestRegressionModel: prediction = Σ leaf predictions in
/// tree order / numTrees (tree weights are all 1); leafCol (3.0+) = vector of leaf indices.
/// Follows RandomForestRegressor.scala (predict).
/// </summary>
public sealed class RandomForestRegressionModel(StageInfo info, TreeOutputColumns columns, TreeEnsemble trees)
    : TreeRegressorStage(info, columns, trees)
{
    internal override TreeAggregation Aggregation => TreeAggregation.Average;
}
