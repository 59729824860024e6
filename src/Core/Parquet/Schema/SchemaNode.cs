namespace Ember.Parquet;

/// <summary>
/// One node of the physical schema (one <c>SchemaElement</c>), with the definition and repetition
/// levels at which it exists. Leaves are the column chunks.
/// </summary>
internal sealed class SchemaNode
{
    public required string Name { get; init; }
    public required ParquetRepetition Repetition { get; init; }
    public ParquetPhysicalType? PhysicalType { get; init; }
    public int TypeLength { get; init; }
    public ParquetConvertedType? ConvertedType { get; init; }
    public ParquetLogicalType LogicalType { get; init; } = ParquetLogicalType.None;
    public int Scale { get; init; }
    public int Precision { get; init; }
    public List<SchemaNode> Children { get; } = [];
    public SchemaNode? Parent { get; set; }

    /// <summary>Definition level of a value that reaches this node (counts optional and repeated nodes down to here).</summary>
    public int DefLevel { get; set; }

    /// <summary>Repetition level of this node (counts repeated nodes down to here).</summary>
    public int RepLevel { get; set; }

    /// <summary>Index of the leaf column (in footer order), or -1 for a group.</summary>
    public int LeafIndex { get; set; } = -1;

    /// <summary>Leaf indexes of every column under this node (a contiguous range).</summary>
    public int FirstLeaf { get; set; }
    public int LeafCount { get; set; }

    public string[] Path { get; set; } = [];

    public string DottedPath => string.Join('.', Path);

    public bool IsLeaf => PhysicalType is not null;
}
