using Ember.Parquet.Thrift;

namespace Ember.Parquet.Writing;

/// <summary>Flattens a node tree into the footer's depth-first list of schema elements.</summary>
internal static class SchemaElements
{
    public static List<SchemaElement> From(ParquetSchema schema)
    {
        var list = new List<SchemaElement>();
        Add(schema.Root, list, isRoot: true);
        return list;
    }

    private static void Add(SchemaNode n, List<SchemaElement> list, bool isRoot)
    {
        list.Add(new SchemaElement
        {
            Name = n.Name,
            Type = n.PhysicalType,
            TypeLength = n.TypeLength,
            Repetition = isRoot ? null : n.Repetition,
            NumChildren = n.Children.Count,
            ConvertedType = n.ConvertedType,
            Scale = n.Scale,
            Precision = n.Precision,
            LogicalType = n.LogicalType,
        });
        foreach (var c in n.Children)
            Add(c, list, isRoot: false);
    }
}
