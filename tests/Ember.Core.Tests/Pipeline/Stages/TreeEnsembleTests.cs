using Xunit;
using Ember.Pipeline;

namespace Ember.Core.Tests.Pipeline.Stages;

public class TreeEnsembleTests
{
    // f0 <= 1.5 ? (f1 in {0, 2} of 5 categories ? leaf A : leaf B) : leaf C
    internal static TreeNode[] SmallTree(double[] leftCategories, int numCategories = 5) =>
    [
        TreeNode.Continuous(0, 0, 1.5, 1, 4),
        TreeNode.Categorical(1, 1, leftCategories, numCategories, 2, 3),
        TreeNode.Leaf(2, 0.0, 3.0, 1.0),
        TreeNode.Leaf(3, 1.0, 1.0, 3.0),
        TreeNode.Leaf(4, 1.0, 0.0, 2.0),
    ];

    private static int Leaf(TreeEnsemble trees, params double[] x)
    {
        Span<int> leaves = stackalloc int[1];
        trees.FindLeaves(new VectorView(x), leaves);
        return leaves[0];
    }

    [Theory]
    [InlineData(1.5, 0)]
    [InlineData(1.4999, 0)]
    [InlineData(1.5000001, 2)]
    [InlineData(double.NaN, 2)]
    [InlineData(double.PositiveInfinity, 2)]
    public void Tree_ContinuousSplit_LeftIffLessOrEqual_NaNGoesRight(double f0, int expectedLeaf)
    {
        var trees = TreeEnsemble.Build([SmallTree([0.0, 2.0])], 2, 2);
        Assert.Equal(expectedLeaf, Leaf(trees, f0, 0.0));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(2.0, 0)]
    [InlineData(1.0, 1)]
    [InlineData(4.0, 1)]
    [InlineData(7.0, 1)]            // unseen category: Spark kept the left set (2 <= 5/2), so it goes right
    [InlineData(double.NaN, 1)]
    [InlineData(0.5, 1)]
    [InlineData(-1.0, 1)]
    public void Tree_CategoricalSplitKeepingLeftSet_UnknownValuesGoRight(double f1, int expectedLeaf)
    {
        var trees = TreeEnsemble.Build([SmallTree([0.0, 2.0])], 2, 2);
        Assert.Equal(expectedLeaf, Leaf(trees, 0.0, f1));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 0)]
    [InlineData(3.0, 0)]
    [InlineData(2.0, 1)]
    [InlineData(4.0, 1)]
    [InlineData(7.0, 0)]            // left set has 3 > 5/2 categories: Spark kept the right set, so unknown values go left
    [InlineData(double.NaN, 0)]
    [InlineData(2.5, 0)]
    public void Tree_CategoricalSplitKeepingRightSet_UnknownValuesGoLeft(double f1, int expectedLeaf)
    {
        var trees = TreeEnsemble.Build([SmallTree([0.0, 1.0, 3.0])], 2, 2);
        Assert.Equal(expectedLeaf, Leaf(trees, 0.0, f1));
    }

    [Fact]
    public void Tree_CategoricalSplit_NegativeZeroIsCategoryZero()
    {
        var trees = TreeEnsemble.Build([SmallTree([0.0, 2.0])], 2, 2);
        Assert.Equal(0, Leaf(trees, 0.0, -0.0));
    }

    [Fact]
    public void Tree_SparseAndDenseRows_ReachTheSameLeaves()
    {
        var trees = TreeEnsemble.Build([SmallTree([0.0, 2.0]), SmallTree([0.0, 1.0, 3.0])], 2, 2);
        Span<int> dense = stackalloc int[2];
        Span<int> sparse = stackalloc int[2];
        foreach (var (f0, f1) in new[] { (0.0, 0.0), (2.0, 0.0), (0.0, 3.0), (1.0, 4.0) })
        {
            trees.FindLeaves(new VectorView([f0, f1]), dense);
            var sv = SparkVector.Sparse(2, [0, 1], [f0, f1]);
            trees.FindLeaves(sv.View, sparse);
            Assert.Equal(dense.ToArray(), sparse.ToArray());
            var compact = f1 == 0.0 ? SparkVector.Sparse(2, [0], [f0]) : SparkVector.Sparse(2, [1], [f1]);
            trees.FindLeaves(compact.View, sparse);
            trees.FindLeaves(new VectorView(compact.ToArray()), dense);
            Assert.Equal(dense.ToArray(), sparse.ToArray());
        }
    }

    [Fact]
    public void Tree_LeafSlots_ArePreOrderWithinEachTree()
    {
        var trees = TreeEnsemble.Build([SmallTree([0.0, 2.0]), SmallTree([0.0, 2.0])], 2);
        Assert.Equal([0, 3, 6], trees.TreeLeafStart);
        Assert.Equal(3, trees.LeavesOfTree(1));
        Assert.Equal(6, trees.LeafCount);
    }

    [Fact]
    public void Tree_NodesOutOfOrderInInput_AreSortedById()
    {
        var nodes = SmallTree([0.0, 2.0]).Reverse().ToArray();
        var trees = TreeEnsemble.Build([nodes], 2, 2);
        Assert.Equal(2, Leaf(trees, 9.0, 0.0));
    }

    public static TheoryData<TreeNode[], string> BrokenTrees => new()
    {
        { [TreeNode.Continuous(0, 0, 1.0, 1, 2), TreeNode.Leaf(1, 0.0, 1, 1), TreeNode.Leaf(3, 0.0, 1, 1)], "ids must be 0..2" },
        { [TreeNode.Continuous(0, 0, 1.0, 1, 5), TreeNode.Leaf(1, 0.0, 1, 1), TreeNode.Leaf(2, 0.0, 1, 1)], "has child 5" },
        { [TreeNode.Leaf(0, 0.0, 1, 1), TreeNode.Continuous(1, 0, 1.0, 0, 2), TreeNode.Leaf(2, 0.0, 1, 1)], "has child 0" },
        { [TreeNode.Continuous(0, 0, 1.0, 1, 1), TreeNode.Leaf(1, 0.0, 1, 1)], "shares child 1" },
        { [TreeNode.Continuous(0, 0, 1.0, 1, 2), TreeNode.Leaf(1, 0.0, 1, 1), TreeNode.Leaf(2, 0.0, 1, 1), TreeNode.Leaf(3, 0.0, 1, 1)], "not the child" },
        { [TreeNode.Continuous(0, 7, 1.0, 1, 2), TreeNode.Leaf(1, 0.0, 1, 1), TreeNode.Leaf(2, 0.0, 1, 1)], "feature 7" },
        { [TreeNode.Categorical(0, 0, [4.0], 3, 1, 2), TreeNode.Leaf(1, 0.0, 1, 1), TreeNode.Leaf(2, 0.0, 1, 1)], "left category 4" },
        { [TreeNode.Continuous(0, 0, 1.0, 1, 2), TreeNode.Leaf(1, 0.0, 1), TreeNode.Leaf(2, 0.0, 1, 1)], "1 impurity stats" },
    };

    [Theory]
    [MemberData(nameof(BrokenTrees))]
    public void Tree_InvalidSavedNodes_AreRefusedNamingTreeAndNode(TreeNode[] nodes, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => TreeEnsemble.Build([nodes], 2, 2));
        Assert.Contains("tree 0, node", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Tree_DeeperThanCap_IsRefused()
    {
        var nodes = new List<TreeNode>();
        int depth = TreeEnsemble.MaxDepth + 1;
        for (int d = 0; d < depth; d++)
        {
            nodes.Add(TreeNode.Continuous(2 * d, 0, 0.0, 2 * d + 1, 2 * d + 2));
            nodes.Add(TreeNode.Leaf(2 * d + 1, 0.0));
        }
        nodes.Add(TreeNode.Leaf(2 * depth, 0.0));
        var ex = Assert.Throws<ArgumentException>(() => TreeEnsemble.Build([nodes], 1));
        Assert.Contains("deeper", ex.Message);
    }
}
