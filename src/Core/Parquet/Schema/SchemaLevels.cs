namespace Ember.Parquet;

/// <summary>Assigns definition and repetition levels, paths and leaf indexes to a node tree.</summary>
internal static class SchemaLevels
{
    public static SchemaNode[] Assign(SchemaNode root)
    {
        var leaves = new List<SchemaNode>();
        root.Path = [];
        foreach (var child in root.Children)
            Visit(child, root, 0, 0, leaves);
        root.FirstLeaf = 0;
        root.LeafCount = leaves.Count;
        return [.. leaves];
    }

    private static void Visit(SchemaNode node, SchemaNode parent, int def, int rep, List<SchemaNode> leaves)
    {
        node.Parent = parent;
        node.Path = [.. parent.Path, node.Name];
        if (node.Repetition != ParquetRepetition.Required) def++;
        if (node.Repetition == ParquetRepetition.Repeated) rep++;
        node.DefLevel = def;
        node.RepLevel = rep;
        node.FirstLeaf = leaves.Count;
        if (node.IsLeaf)
        {
            node.LeafIndex = leaves.Count;
            leaves.Add(node);
        }
        else
        {
            foreach (var child in node.Children)
                Visit(child, node, def, rep, leaves);
        }
        node.LeafCount = leaves.Count - node.FirstLeaf;
    }
}
