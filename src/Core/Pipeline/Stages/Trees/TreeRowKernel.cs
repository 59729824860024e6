namespace Ember.Pipeline;

/// <summary>
/// The row loop of the tree models that are not classifiers (and of leafCol): checks the
/// features vector, finds every tree's leaf, hands the leaf slots to <see cref="Write"/>.
/// </summary>
internal abstract class TreeRowKernel(TreeEnsemble trees, string featuresName, int featuresSlot) : Kernel
{
    protected TreeEnsemble Trees { get; } = trees;

    public sealed override void Execute(Frame frame)
    {
        var features = frame.Column<VectorColumn>(featuresSlot);
        int n = Trees.NumTrees;
        Span<int> leaves = n <= TreeEnsemble.StackTrees ? stackalloc int[n] : TreeEnsemble.LeafBuffer(n);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r) || !Predictors.TryGetFeatures(frame, r, features, featuresName, Trees.NumFeatures, Stage, out var x))
                continue;
            Trees.FindLeaves(x, leaves);
            Write(frame, r, leaves);
        }
    }

    protected abstract void Write(Frame frame, int row, ReadOnlySpan<int> leaves);
}

/// <summary>
/// Spark's leafCol (3.0+): the index of the reached leaf in pre-order within its tree — a double
/// for a single tree, a dense vector with one index per tree for ensembles (treeModels.scala predictLeaf).
/// </summary>
internal sealed class TreeLeafKernel(TreeEnsemble trees, string featuresName, int featuresSlot, int output, bool singleTree)
    : TreeRowKernel(trees, featuresName, featuresSlot)
{
    /// <summary>Adds the leaf column when <paramref name="leafCol"/> is non-empty (Spark 3.0+ only has the param).</summary>
    public static void Add(PipelineBuilder builder, TreeEnsemble trees, ColumnInfo features, string leafCol, bool singleTree)
    {
        if (string.IsNullOrEmpty(leafCol))
            return;
        ColumnInfo column;
        if (singleTree)
        {
            column = builder.AddColumn(leafCol, SparkType.Double, new MlAttribute(AttributeKind.Nominal, leafCol, trees.LeavesOfTree(0)));
        }
        else
        {
            var attrs = new MlAttribute[trees.NumTrees];
            for (int t = 0; t < attrs.Length; t++)
                attrs[t] = new MlAttribute(AttributeKind.Nominal, NumValues: trees.LeavesOfTree(t));
            column = builder.AddColumn(leafCol, SparkType.Vector, vector: new VectorAttributes(trees.NumTrees, attrs));
        }
        builder.AddKernel(new TreeLeafKernel(trees, features.Name, features.Slot, column.Slot, singleTree), [features.Slot], [column.Slot]);
    }

    protected override void Write(Frame frame, int row, ReadOnlySpan<int> leaves)
    {
        var start = Trees.TreeLeafStart;
        if (singleTree)
        {
            frame.Column<DoubleColumn>(output).Set(row, leaves[0] - start[0]);
            return;
        }
        var values = frame.Column<VectorColumn>(output).AppendDense(row, leaves.Length);
        for (int t = 0; t < leaves.Length; t++)
            values[t] = leaves[t] - start[t];
    }
}
