namespace Ember.Parquet;

/// <summary>
/// A Parquet schema: the top-level fields of a file (a tree of <see cref="ParquetField"/>), plus
/// the physical node tree and the leaf columns behind it.
/// </summary>
public sealed class ParquetSchema
{
    /// <summary>A schema for writing, from top-level fields built with the <see cref="ParquetField"/> factories.</summary>
    public ParquetSchema(params ParquetField[] fields)
    {
        Fields = fields;
        Root = SchemaFromFields.Build(fields);
        Leaves = SchemaLevels.Assign(Root);
    }

    internal ParquetSchema(SchemaNode root, IReadOnlyList<ParquetField> fields, SchemaNode[] leaves)
    {
        Root = root;
        Fields = fields;
        Leaves = leaves;
    }

    public IReadOnlyList<ParquetField> Fields { get; }

    internal SchemaNode Root { get; }

    /// <summary>The leaf columns in file order.</summary>
    internal SchemaNode[] Leaves { get; }

    /// <summary>Number of leaf columns (column chunks per row group).</summary>
    public int LeafCount => Leaves.Length;

    /// <summary>The top-level field with this name, or null.</summary>
    public ParquetField? Find(string name)
    {
        foreach (var f in Fields)
            if (f.Name == name)
                return f;
        return null;
    }

    /// <summary>The schema in the textual "message" form parquet tools print.</summary>
    public override string ToString() => ParquetSchemaPrinter.Print(Root);
}
