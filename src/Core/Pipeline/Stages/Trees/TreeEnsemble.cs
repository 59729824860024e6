using System.Runtime.CompilerServices;

namespace Ember.Pipeline;

/// <summary>
/// One or more decision trees flattened into one validated node array (all trees concatenated,
/// struct of arrays), the way onnxruntime's tree_ensemble_common lays trees out: the scoring loop
/// trusts the arrays because <see cref="Build"/> checked them once. A node is a leaf when
/// <c>_leaf[n] &gt;= 0</c> (its leaf slot); otherwise it tests feature <c>_feature[n]</c>:
/// continuous splits go left iff x &lt;= threshold (NaN goes right), categorical splits use a
/// category bitmap plus Spark's rule for values in neither saved side. Leaf slots are numbered in
/// pre-order (left subtree first) tree by tree, so a leaf's index within its tree (Spark's
/// leafCol) is its slot minus the tree's first slot. Follows Spark's ml/tree/Node.scala
/// (predictImpl), Split.scala (shouldGoLeft) and treeModels.scala (predictLeaf).
/// </summary>
public sealed partial class TreeEnsemble
{
    /// <summary>Sparse rows of vectors up to this size are scattered into a zeroed buffer once per row; bigger ones use a binary search per split.</summary>
    internal const int ScatterLimit = 1 << 16;

    [ThreadStatic]
    private static double[]? t_scatter;

    [ThreadStatic]
    private static int[]? t_leaves;

    private readonly int[] _roots;
    private readonly int[] _feature;
    private readonly double[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly int[] _category;
    private readonly int[] _leaf;
    private readonly CategorySplit[] _categorySplits;
    private readonly ulong[] _categoryBits;

    public int NumTrees => _roots.Length;

    public int NumFeatures { get; }

    public int NodeCount => _feature.Length;

    /// <summary>Leaves of all trees.</summary>
    public int LeafCount => LeafPrediction.Length;

    /// <summary>The leaf's <c>prediction</c>, by leaf slot.</summary>
    public double[] LeafPrediction { get; }

    /// <summary>The leaf's impurityStats, <see cref="StatsWidth"/> values per leaf slot (empty when not kept).</summary>
    public double[] LeafStats { get; }

    public int StatsWidth { get; }

    /// <summary>First leaf slot of each tree (length NumTrees + 1).</summary>
    public int[] TreeLeafStart { get; }

    /// <summary>Leaf indices (Spark's leafCol) as 0..leaves-1 within each tree.</summary>
    public int LeavesOfTree(int tree) => TreeLeafStart[tree + 1] - TreeLeafStart[tree];

    /// <summary>
    /// Finds the leaf slot each tree reaches for <paramref name="x"/> (size NumFeatures, checked by
    /// the caller). Dense rows are read in place; sparse rows are scattered once into a per-thread
    /// zeroed buffer (and cleared after) so each split is one array read.
    /// </summary>
    public void FindLeaves(in VectorView x, Span<int> leaves)
    {
        if (x.IsDense)
        {
            FindLeavesDense(x.Values, leaves);
            return;
        }
        if (x.Size > ScatterLimit)
        {
            FindLeavesSparse(x, leaves);
            return;
        }
        var buffer = t_scatter;
        if (buffer is null || buffer.Length < x.Size)
            t_scatter = buffer = new double[Math.Max(x.Size, 64)];
        var indices = x.Indices;
        var values = x.Values;
        for (int k = 0; k < indices.Length; k++)
            buffer[indices[k]] = values[k];
        FindLeavesDense(buffer.AsSpan(0, x.Size), leaves);
        // Keeps the buffer all zeros for the next row: only the entries written are cleared.
        for (int k = 0; k < indices.Length; k++)
            buffer[indices[k]] = 0.0;
    }

    /// <summary>A per-thread buffer for the leaf slots of one row when there are too many trees for the stack.</summary>
    internal static Span<int> LeafBuffer(int trees)
    {
        var buffer = t_leaves;
        if (buffer is null || buffer.Length < trees)
            t_leaves = buffer = new int[trees];
        return buffer.AsSpan(0, trees);
    }

    private void FindLeavesDense(ReadOnlySpan<double> x, Span<int> leaves)
    {
        var feature = _feature;
        var threshold = _threshold;
        var left = _left;
        var right = _right;
        var category = _category;
        var leaf = _leaf;
        var roots = _roots;
        for (int t = 0; t < roots.Length; t++)
        {
            int n = roots[t];
            int slot;
            while ((slot = leaf[n]) < 0)
            {
                double v = x[feature[n]];
                int c = category[n];
                bool goLeft = c < 0 ? v <= threshold[n] : GoesLeft(c, v);
                n = goLeft ? left[n] : right[n];
            }
            leaves[t] = slot;
        }
    }

    private void FindLeavesSparse(in VectorView x, Span<int> leaves)
    {
        for (int t = 0; t < _roots.Length; t++)
        {
            int n = _roots[t];
            while (_leaf[n] < 0)
            {
                double v = x[_feature[n]];
                int c = _category[n];
                bool goLeft = c < 0 ? v <= _threshold[n] : GoesLeft(c, v);
                n = goLeft ? _left[n] : _right[n];
            }
            leaves[t] = _leaf[n];
        }
    }

    /// <summary>
    /// Spark's CategoricalSplit.shouldGoLeft: a category of the saved left set goes left, one of the
    /// complement goes right, and any other value (unseen category, NaN, non-integral) goes to the
    /// side opposite the set Spark kept (the smaller one): right when it kept the left set.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool GoesLeft(int split, double v)
    {
        ref readonly var s = ref _categorySplits[split];
        if (v >= 0.0 && v < s.NumCategories)
        {
            int k = (int)v;
            if (k == v)
                return (_categoryBits[s.BitOffset + (k >> 6)] & (1UL << k)) != 0;
        }
        return !s.KeptLeftSet;
    }

    /// <summary>A categorical split: the left categories as bits, and which side Spark kept.</summary>
    private readonly record struct CategorySplit(int BitOffset, int NumCategories, bool KeptLeftSet);
}
