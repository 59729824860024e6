using Ember.Parquet.Thrift;

namespace Ember.Parquet;

/// <summary>
/// Builds the schema of a file from its flat list of schema elements, then interprets LIST and
/// MAP annotations, including the legacy forms described in parquet-format LogicalTypes.md.
/// </summary>
internal static class SchemaFromElements
{
    private const int MaxDepth = 64;

    public static ParquetSchema Build(List<SchemaElement> elements)
    {
        if (elements.Count == 0)
            ParquetThrow.Data("the footer has an empty schema");
        int pos = 0;
        var root = ReadNode(elements, ref pos, 0, isRoot: true);
        if (pos != elements.Count)
            ParquetThrow.Data($"the schema has {elements.Count - pos} elements that belong to no group");
        var leaves = SchemaLevels.Assign(root);
        var fields = new List<ParquetField>(root.Children.Count);
        foreach (var child in root.Children)
            fields.Add(Interpret(child, asElement: false, 0));
        return new ParquetSchema(root, fields, leaves);
    }

    private static SchemaNode ReadNode(List<SchemaElement> elements, ref int pos, int depth, bool isRoot)
    {
        if (depth > MaxDepth)
            ParquetThrow.Data($"the schema nests deeper than {MaxDepth} levels");
        var e = elements[pos++];
        bool isGroup = isRoot || e.Type is null;
        if (isGroup && (e.NumChildren < 0 || e.NumChildren > elements.Count - pos))
            ParquetThrow.Data($"schema group '{e.Name}' declares {e.NumChildren} children but {elements.Count - pos} elements remain");
        if (!isGroup && e.Type == ParquetPhysicalType.FixedLenByteArray && e.TypeLength <= 0)
            ParquetThrow.Data($"FIXED_LEN_BYTE_ARRAY column '{e.Name}' has width {e.TypeLength}");
        var logical = e.LogicalType ?? ConvertedTypeMapping.ToLogical(e.ConvertedType, e.Scale, e.Precision);
        var node = new SchemaNode
        {
            Name = e.Name,
            Repetition = isRoot ? ParquetRepetition.Required : e.Repetition ?? ParquetRepetition.Optional,
            PhysicalType = isGroup ? null : e.Type,
            TypeLength = e.TypeLength,
            ConvertedType = e.ConvertedType,
            LogicalType = logical,
            Scale = logical.Kind == ParquetLogicalTypeKind.Decimal ? logical.Scale : e.Scale,
            Precision = logical.Kind == ParquetLogicalTypeKind.Decimal ? logical.Precision : e.Precision,
        };
        if (isGroup)
        {
            if (e.NumChildren == 0 && !isRoot)
                ParquetThrow.Data($"schema group '{e.Name}' has no fields");
            for (int i = 0; i < e.NumChildren; i++)
                node.Children.Add(ReadNode(elements, ref pos, depth + 1, isRoot: false));
        }
        return node;
    }

    /// <summary>The field a node stands for. asElement: the node is a list's repeated entry and reads as required.</summary>
    private static ParquetField Interpret(SchemaNode node, bool asElement, int depth)
    {
        if (depth > MaxDepth)
            ParquetThrow.Data($"the schema nests deeper than {MaxDepth} levels");
        if (node.Repetition == ParquetRepetition.Repeated && !asElement)
        {
            // A repeated field outside a LIST annotation is a list of its values (or structs).
            var element = Interpret(node, asElement: true, depth + 1);
            return new ParquetField(node.Name, ParquetFieldKind.List, ParquetRepetition.Repeated)
            {
                Element = element,
                Node = node,
                RepeatedNode = node,
            };
        }
        var repetition = asElement ? ParquetRepetition.Required : node.Repetition;
        if (node.IsLeaf)
            return Primitive(node, repetition);

        bool isList = node.LogicalType.Kind == ParquetLogicalTypeKind.List || node.ConvertedType == ParquetConvertedType.List;
        bool isMap = node.LogicalType.Kind == ParquetLogicalTypeKind.Map || node.ConvertedType is ParquetConvertedType.Map or ParquetConvertedType.MapKeyValue;
        if (isList && node.Children is [{ Repetition: ParquetRepetition.Repeated } repeated])
        {
            ParquetField element;
            if (repeated.IsLeaf || repeated.Children.Count > 1 || repeated.Name == "array" || repeated.Name == node.Name + "_tuple")
                element = Interpret(repeated, asElement: true, depth + 1); // legacy 2-level: the repeated node is the element
            else
                element = Interpret(repeated.Children[0], asElement: false, depth + 1);
            return new ParquetField(node.Name, ParquetFieldKind.List, repetition)
            {
                Element = element,
                Node = node,
                RepeatedNode = repeated,
                LogicalType = node.LogicalType,
                ConvertedType = node.ConvertedType,
            };
        }
        if (isMap && node.Children is [{ Repetition: ParquetRepetition.Repeated, IsLeaf: false } kv] && kv.Children.Count is 1 or 2)
        {
            return new ParquetField(node.Name, ParquetFieldKind.Map, repetition)
            {
                Key = Interpret(kv.Children[0], asElement: false, depth + 1),
                Value = kv.Children.Count == 2 ? Interpret(kv.Children[1], asElement: false, depth + 1) : null,
                Node = node,
                RepeatedNode = kv,
                LogicalType = node.LogicalType,
                ConvertedType = node.ConvertedType,
            };
        }
        var children = new ParquetField[node.Children.Count];
        for (int i = 0; i < children.Length; i++)
            children[i] = Interpret(node.Children[i], asElement: false, depth + 1);
        return new ParquetField(node.Name, ParquetFieldKind.Struct, repetition)
        {
            Children = children,
            Node = node,
            LogicalType = node.LogicalType,
            ConvertedType = node.ConvertedType,
        };
    }

    private static ParquetField Primitive(SchemaNode node, ParquetRepetition repetition) =>
        new(node.Name, ParquetFieldKind.Primitive, repetition)
        {
            PhysicalType = node.PhysicalType,
            TypeLength = node.TypeLength,
            LogicalType = node.LogicalType,
            ConvertedType = node.ConvertedType,
            Scale = node.Scale,
            Precision = node.Precision,
            Node = node,
        };
}
