namespace Ember.Pipeline;

/// <summary>
/// One node of a saved Spark decision tree (a row of <c>data/</c>, or the <c>nodeData</c> struct of
/// an ensemble row), as plain data: what Spark's NodeData holds minus the training-only fields.
/// Leaves have <see cref="LeftChild"/> = −1. A split is continuous when
/// <see cref="NumCategories"/> = −1 (threshold = <see cref="LeftCategoriesOrThreshold"/>[0]),
/// else categorical (the categories that go left).
/// </summary>
public sealed record TreeNode(
    int Id,
    double Prediction,
    double[] ImpurityStats,
    int LeftChild,
    int RightChild,
    int FeatureIndex,
    double[] LeftCategoriesOrThreshold,
    int NumCategories)
{
    public bool IsLeaf => LeftChild == -1;

    public static TreeNode Leaf(int id, double prediction, params double[] impurityStats) =>
        new(id, prediction, impurityStats, -1, -1, -1, [], -1);

    /// <summary>x[feature] &lt;= threshold goes left.</summary>
    public static TreeNode Continuous(int id, int feature, double threshold, int left, int right, double prediction = 0.0) =>
        new(id, prediction, [], left, right, feature, [threshold], -1);

    /// <summary>x[feature] ∈ leftCategories goes left (Spark's rule for values in neither side applies).</summary>
    public static TreeNode Categorical(int id, int feature, double[] leftCategories, int numCategories, int left, int right, double prediction = 0.0) =>
        new(id, prediction, [], left, right, feature, leftCategories, numCategories);
}
