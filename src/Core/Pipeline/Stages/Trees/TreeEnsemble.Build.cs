using System.Globalization;

namespace Ember.Pipeline;

public sealed partial class TreeEnsemble
{
    /// <summary>Spark caps maxDepth at 30; a deeper saved tree is not a real model.</summary>
    public const int MaxDepth = 64;

    /// <summary>Categorical features with more values than this would need huge bitmaps; Spark's maxBins makes them impossible.</summary>
    public const int MaxCategories = 1 << 20;

    private TreeEnsemble(int numFeatures, int statsWidth, int[] roots, Node[] nodes, CategorySplit[] splits, ulong[] bits,
        double[] leafPrediction, double[] leafStats, int[] treeLeafStart)
    {
        NumFeatures = numFeatures;
        StatsWidth = statsWidth;
        _roots = roots;
        _nodes = nodes;
        _categorySplits = splits;
        _categoryBits = bits;
        LeafPrediction = leafPrediction;
        LeafStats = leafStats;
        TreeLeafStart = treeLeafStart;
    }

    /// <summary>
    /// Validates saved trees and flattens them (Spark's buildTreeFromNodes, with the checks it
    /// leaves to assertions): ids are 0..n−1, children come after their parent and inside the
    /// tree, every node but the root has exactly one parent, depth ≤ <see cref="MaxDepth"/>,
    /// features &lt; <paramref name="numFeatures"/>, splits well formed, and when
    /// <paramref name="statsWidth"/> &gt; 0 every leaf has that many impurity stats (kept for
    /// raw predictions or variance). Throws <see cref="ArgumentException"/> naming the tree and node.
    /// </summary>
    public static TreeEnsemble Build(IReadOnlyList<IReadOnlyList<TreeNode>> trees, int numFeatures, int statsWidth = 0)
    {
        if (trees.Count == 0)
            throw new ArgumentException("the model has no trees.");
        if (numFeatures < 1)
            throw new ArgumentException($"numFeatures is {numFeatures}; a tree model needs at least one feature.");
        int total = 0;
        var sorted = new TreeNode[trees.Count][];
        for (int t = 0; t < trees.Count; t++)
        {
            sorted[t] = trees[t].OrderBy(n => n.Id).ToArray();
            total += sorted[t].Length;
        }
        var b = new Builder(total, numFeatures, statsWidth);
        var roots = new int[trees.Count];
        var treeLeafStart = new int[trees.Count + 1];
        for (int t = 0; t < sorted.Length; t++)
        {
            roots[t] = b.NodeCount;
            b.AddTree(t, sorted[t]);
            treeLeafStart[t + 1] = b.LeafCount;
        }
        return new TreeEnsemble(numFeatures, statsWidth, roots, b.Nodes,
            b.Splits.ToArray(), b.Bits.ToArray(), b.LeafPrediction.ToArray(), b.LeafStats.ToArray(), treeLeafStart);
    }

    private sealed class Builder(int total, int numFeatures, int statsWidth)
    {
        public readonly Node[] Nodes = new Node[total];
        public readonly List<CategorySplit> Splits = [];
        public readonly List<ulong> Bits = [];
        public readonly List<double> LeafPrediction = [];
        public readonly List<double> LeafStats = [];

        public int NodeCount { get; private set; }

        public int LeafCount => LeafPrediction.Count;

        public void AddTree(int t, TreeNode[] nodes)
        {
            if (nodes.Length == 0)
                throw new ArgumentException($"tree {t} has no nodes.");
            int n = nodes.Length;
            var parents = new int[n];
            for (int i = 0; i < n; i++)
            {
                var node = nodes[i];
                if (node.Id != i)
                    throw Bad(t, node, $"node ids must be 0..{n - 1} without gaps or repeats, but id {node.Id} is at position {i}");
                if (node.IsLeaf)
                    continue;
                CheckChild(t, node, node.LeftChild, n, parents);
                CheckChild(t, node, node.RightChild, n, parents);
            }
            for (int i = 1; i < n; i++)
                if (parents[i] != 1)
                    throw Bad(t, nodes[i], "is not the child of any node");
            // Pre-order (left first) so leaf slots follow Spark's leaf numbering and a left child sits next to its parent.
            var order = new int[n];
            var depth = new int[n];
            var stack = new Stack<int>();
            stack.Push(0);
            int count = 0;
            while (stack.Count > 0)
            {
                int id = stack.Pop();
                order[count++] = id;
                var node = nodes[id];
                if (node.IsLeaf)
                    continue;
                depth[node.LeftChild] = depth[node.RightChild] = depth[id] + 1;
                if (depth[id] + 1 > MaxDepth)
                    throw Bad(t, node, $"the tree is deeper than {MaxDepth} levels");
                stack.Push(node.RightChild);
                stack.Push(node.LeftChild);
            }
            int baseIndex = NodeCount;
            var flat = new int[n];
            for (int k = 0; k < n; k++)
                flat[order[k]] = baseIndex + k;
            for (int k = 0; k < n; k++)
                AddNode(t, nodes[order[k]], baseIndex + k, flat);
            NodeCount += n;
        }

        private void AddNode(int t, TreeNode node, int index, int[] flat)
        {
            ref Node target = ref Nodes[index];
            if (node.IsLeaf)
            {
                target.Feature = LeafFeature;
                target.Right = LeafPrediction.Count;
                LeafPrediction.Add(node.Prediction);
                if (statsWidth > 0)
                {
                    if (node.ImpurityStats.Length != statsWidth)
                        throw Bad(t, node, $"has {node.ImpurityStats.Length} impurity stats; this model needs {statsWidth}");
                    LeafStats.AddRange(node.ImpurityStats);
                }
                return;
            }
            if (node.FeatureIndex < 0 || node.FeatureIndex >= numFeatures)
                throw Bad(t, node, $"splits on feature {node.FeatureIndex}, outside the model's {numFeatures} features");
            // Pre-order layout puts the left child right after its parent; the walk relies on it.
            if (flat[node.LeftChild] != index + 1)
                throw new InvalidOperationException("pre-order layout broken");
            target.Right = flat[node.RightChild];
            if (node.NumCategories == -1)
            {
                if (node.LeftCategoriesOrThreshold.Length != 1)
                    throw Bad(t, node, $"is a continuous split with {node.LeftCategoriesOrThreshold.Length} thresholds instead of 1");
                target.Feature = node.FeatureIndex;
                target.Threshold = node.LeftCategoriesOrThreshold[0];
                return;
            }
            target.Feature = CategoricalFeature - AddCategorySplit(t, node);
        }

        private int AddCategorySplit(int t, TreeNode node)
        {
            int numCategories = node.NumCategories;
            if (numCategories < 1 || numCategories > MaxCategories)
                throw Bad(t, node, $"has numCategories {numCategories}; expected -1 (continuous) or 1..{MaxCategories}");
            int offset = Bits.Count;
            int words = (numCategories + 63) >> 6;
            for (int w = 0; w < words; w++)
                Bits.Add(0UL);
            foreach (var c in node.LeftCategoriesOrThreshold)
            {
                if (!(c >= 0 && c < numCategories) || c != Math.Floor(c))
                    throw Bad(t, node, $"lists left category {c.ToString("R", CultureInfo.InvariantCulture)}, not a category in [0, {numCategories})");
                int k = (int)c;
                Bits[offset + (k >> 6)] |= 1UL << k;
            }
            // Spark keeps the left set when it is at most half the categories (by array length), else its complement.
            bool keptLeft = node.LeftCategoriesOrThreshold.Length <= numCategories / 2;
            Splits.Add(new CategorySplit(node.FeatureIndex, offset, numCategories, keptLeft));
            return Splits.Count - 1;
        }

        private static void CheckChild(int t, TreeNode node, int child, int n, int[] parents)
        {
            // Spark builds children before parents (ids are pre-order), so a child id must follow its parent's.
            if (child <= node.Id || child >= n)
                throw Bad(t, node, $"has child {child}; children must have ids in ({node.Id}, {n})");
            parents[child]++;
            if (parents[child] > 1)
                throw Bad(t, node, $"shares child {child} with another node");
        }

        private static ArgumentException Bad(int t, TreeNode node, string problem) =>
            new($"tree {t}, node {node.Id}: {problem}.");
    }
}
