using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ember.Pipeline;

/// <summary>
/// One or more decision trees flattened into one validated node array (all trees concatenated,
/// 16-byte nodes in pre-order), the way onnxruntime's tree_ensemble_common lays trees out: the
/// scoring loop trusts the array because <see cref="Build"/> checked it once. A node is a leaf or
/// tests one feature:
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
    private readonly Node[] _nodes;
    private readonly CategorySplit[] _categorySplits;
    private readonly ulong[] _categoryBits;

    public int NumTrees => _roots.Length;

    public int NumFeatures { get; }

    public int NodeCount => _nodes.Length;

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
        if (x.Length < NumFeatures)
            throw new ArgumentException($"features vector has {x.Length} values; the trees read {NumFeatures}.");
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref double xs = ref MemoryMarshal.GetReference(x);
        var roots = _roots;
        int t = 0;
        // Four trees walk in lockstep: their dependent load chains overlap, and each step is branch-free.
        for (; t + 4 <= roots.Length; t += 4)
        {
            int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
            while (true)
            {
                int a = Next(ref nodes, ref xs, n0), b = Next(ref nodes, ref xs, n1);
                int c = Next(ref nodes, ref xs, n2), d = Next(ref nodes, ref xs, n3);
                // Children always follow their parent, so only leaves map to themselves.
                if (a == n0 && b == n1 && c == n2 && d == n3)
                    break;
                n0 = a; n1 = b; n2 = c; n3 = d;
            }
            leaves[t] = Unsafe.Add(ref nodes, n0).Right;
            leaves[t + 1] = Unsafe.Add(ref nodes, n1).Right;
            leaves[t + 2] = Unsafe.Add(ref nodes, n2).Right;
            leaves[t + 3] = Unsafe.Add(ref nodes, n3).Right;
        }
        for (; t < roots.Length; t++)
        {
            int n = roots[t], next;
            while ((next = Next(ref nodes, ref xs, n)) != n)
                n = next;
            leaves[t] = Unsafe.Add(ref nodes, n).Right;
        }
    }

    /// <summary>
    /// The node after <paramref name="n"/>: itself for a leaf, else the left child (always n + 1,
    /// nodes are in pre-order) or the right one. Unchecked reads are safe: Build validated every
    /// feature index against NumFeatures and every child index.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Next(ref Node nodes, ref double xs, int n)
    {
        ref Node node = ref Unsafe.Add(ref nodes, n);
        int f = node.Feature;
        if (f >= 0)
        {
            bool left = Unsafe.Add(ref xs, f) <= node.Threshold;   // NaN goes right
            int toLeft = -(int)Unsafe.As<bool, byte>(ref left);
            return node.Right ^ ((node.Right ^ (n + 1)) & toLeft);
        }
        if (f == LeafFeature)
            return n;
        ref readonly var split = ref _categorySplits[CategoricalFeature - f];
        return GoesLeft(split, Unsafe.Add(ref xs, split.Feature)) ? n + 1 : node.Right;
    }

    private void FindLeavesSparse(in VectorView x, Span<int> leaves)
    {
        for (int t = 0; t < _roots.Length; t++)
        {
            int n = _roots[t];
            while (true)
            {
                var node = _nodes[n];
                if (node.Feature == LeafFeature)
                    break;
                bool left = node.Feature >= 0
                    ? x[node.Feature] <= node.Threshold
                    : GoesLeft(_categorySplits[CategoricalFeature - node.Feature], x[_categorySplits[CategoricalFeature - node.Feature].Feature]);
                n = left ? n + 1 : node.Right;
            }
            leaves[t] = _nodes[n].Right;
        }
    }

    /// <summary>
    /// Spark's CategoricalSplit.shouldGoLeft: a category of the saved left set goes left, one of the
    /// complement goes right, and any other value (unseen category, NaN, non-integral) goes to the
    /// side opposite the set Spark kept (the smaller one): right when it kept the left set.
    /// </summary>
    private bool GoesLeft(in CategorySplit s, double v)
    {
        if (v >= 0.0 && v < s.NumCategories)
        {
            int k = (int)v;
            if (k == v)
                return (_categoryBits[s.BitOffset + (k >> 6)] & (1UL << k)) != 0;
        }
        return !s.KeptLeftSet;
    }

    /// <summary>Feature value of a leaf node (its Right field holds the leaf slot).</summary>
    private const int LeafFeature = -1;

    /// <summary>Feature value of the first categorical split; split k is stored as CategoricalFeature − k.</summary>
    private const int CategoricalFeature = -2;

    /// <summary>
    /// One node, 16 bytes so a visit touches one cache line: continuous split (Feature ≥ 0: go to
    /// n + 1 iff x[Feature] &lt;= Threshold, else Right), leaf (Feature = −1, Right = leaf slot) or
    /// categorical split (Feature = −2 − split index).
    /// </summary>
    private struct Node
    {
        public double Threshold;
        public int Feature;
        public int Right;
    }

    /// <summary>A categorical split: the left categories as bits, and which side Spark kept.</summary>
    private readonly record struct CategorySplit(int Feature, int BitOffset, int NumCategories, bool KeptLeftSet);
}
