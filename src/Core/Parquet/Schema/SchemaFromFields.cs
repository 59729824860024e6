namespace Ember.Parquet;

/// <summary>
/// Lays out writer fields as physical nodes the way Spark does: lists in the 3-level form
/// (group (LIST) { repeated group list { element } }) and maps as
/// group (MAP) { repeated group key_value { required key; value } }.
/// </summary>
internal static class SchemaFromFields
{
    public static SchemaNode Build(IReadOnlyList<ParquetField> fields)
    {
        var root = new SchemaNode { Name = "spark_schema", Repetition = ParquetRepetition.Required };
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (!names.Add(f.Name))
                throw new ArgumentException($"the schema has two fields named '{f.Name}'");
            root.Children.Add(Bind(f, f.Name));
        }
        return root;
    }

    private static SchemaNode Bind(ParquetField f, string nodeName)
    {
        if (f.Repetition == ParquetRepetition.Repeated)
            throw new ArgumentException($"field '{f.Name}': write repeated values as a List field");
        SchemaNode node;
        switch (f.Kind)
        {
            case ParquetFieldKind.Primitive:
                if (f.PhysicalType == ParquetPhysicalType.FixedLenByteArray && f.TypeLength <= 0)
                    throw new ArgumentException($"field '{f.Name}': FIXED_LEN_BYTE_ARRAY needs a positive type length");
                node = new SchemaNode
                {
                    Name = nodeName,
                    Repetition = f.Repetition,
                    PhysicalType = f.PhysicalType,
                    TypeLength = f.TypeLength,
                    ConvertedType = f.ConvertedType,
                    LogicalType = f.LogicalType,
                    Scale = f.Scale,
                    Precision = f.Precision,
                };
                break;
            case ParquetFieldKind.Struct:
                if (f.Children.Count == 0)
                    throw new ArgumentException($"struct '{f.Name}' needs at least one field");
                node = Group(nodeName, f.Repetition, null, ParquetLogicalType.None);
                foreach (var c in f.Children)
                    node.Children.Add(Bind(c, c.Name));
                break;
            case ParquetFieldKind.List:
                {
                    node = Group(nodeName, f.Repetition, ParquetConvertedType.List, new ParquetLogicalType(ParquetLogicalTypeKind.List));
                    var repeated = Group("list", ParquetRepetition.Repeated, null, ParquetLogicalType.None);
                    repeated.Children.Add(Bind(f.Element!, "element"));
                    node.Children.Add(repeated);
                    f.RepeatedNode = repeated;
                    break;
                }
            default:
                {
                    node = Group(nodeName, f.Repetition, ParquetConvertedType.Map, new ParquetLogicalType(ParquetLogicalTypeKind.Map));
                    var kv = Group("key_value", ParquetRepetition.Repeated, null, ParquetLogicalType.None);
                    kv.Children.Add(Bind(f.Key!, "key"));
                    if (f.Value is not null)
                        kv.Children.Add(Bind(f.Value, "value"));
                    node.Children.Add(kv);
                    f.RepeatedNode = kv;
                    break;
                }
        }
        f.Node = node;
        return node;
    }

    private static SchemaNode Group(string name, ParquetRepetition rep, ParquetConvertedType? ct, ParquetLogicalType lt)
        => new() { Name = name, Repetition = rep, ConvertedType = ct, LogicalType = lt };
}
