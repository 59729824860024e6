namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.regression.DecisionTreeRegressionModel: prediction = the reached leaf's
/// prediction; varianceCol (when defined and non-empty) = Variance(count, sum, sumSq) of the
/// leaf's impurity stats; leafCol (3.0+) = leaf index as a double.
/// Follows DecisionTreeRegressor.scala (predict, predictVariance, transformImpl).
/// </summary>
public sealed class DecisionTreeRegressionModel(StageInfo info, TreeOutputColumns columns, TreeEnsemble tree)
    : TreeRegressorStage(info, columns, tree)
{
    internal override TreeAggregation Aggregation => TreeAggregation.SingleTree;
}
