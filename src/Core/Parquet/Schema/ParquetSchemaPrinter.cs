using System.Text;

namespace Ember.Parquet;

/// <summary>Prints schemas in the "message" notation of parquet-mr and parquet-cli.</summary>
internal static class ParquetSchemaPrinter
{
    public static string Print(SchemaNode root)
    {
        var sb = new StringBuilder();
        sb.Append("message ").Append(root.Name).Append(" {\n");
        foreach (var c in root.Children)
            PrintNode(sb, c, 1);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void PrintNode(StringBuilder sb, SchemaNode n, int indent)
    {
        sb.Append(' ', indent * 2).Append(n.Repetition.ToString().ToLowerInvariant()).Append(' ');
        if (n.IsLeaf)
        {
            sb.Append(PhysicalName(n.PhysicalType!.Value));
            if (n.PhysicalType == ParquetPhysicalType.FixedLenByteArray)
                sb.Append('(').Append(n.TypeLength).Append(')');
            sb.Append(' ').Append(n.Name);
            AppendAnnotation(sb, n);
            sb.Append(";\n");
            return;
        }
        sb.Append("group ").Append(n.Name);
        AppendAnnotation(sb, n);
        sb.Append(" {\n");
        foreach (var c in n.Children)
            PrintNode(sb, c, indent + 1);
        sb.Append(' ', indent * 2).Append("}\n");
    }

    private static void AppendAnnotation(StringBuilder sb, SchemaNode n)
    {
        if (n.LogicalType.Kind != ParquetLogicalTypeKind.None)
            sb.Append(" (").Append(n.LogicalType).Append(')');
        else if (n.ConvertedType is { } ct)
            sb.Append(" (").Append(ct.ToString().ToUpperInvariant()).Append(')');
    }

    public static string PhysicalName(ParquetPhysicalType t) => t switch
    {
        ParquetPhysicalType.Boolean => "boolean",
        ParquetPhysicalType.Int32 => "int32",
        ParquetPhysicalType.Int64 => "int64",
        ParquetPhysicalType.Int96 => "int96",
        ParquetPhysicalType.Float => "float",
        ParquetPhysicalType.Double => "double",
        ParquetPhysicalType.ByteArray => "binary",
        _ => "fixed_len_byte_array",
    };

    /// <summary>A one-line description of a field: "name: optional list&lt;double&gt;".</summary>
    public static string Describe(ParquetField f) => $"{f.Name}: {f.Repetition.ToString().ToLowerInvariant()} {TypeName(f)}";

    public static string TypeName(ParquetField f) => f.Kind switch
    {
        ParquetFieldKind.Primitive => f.LogicalType.Kind is ParquetLogicalTypeKind.None
            ? PhysicalName(f.PhysicalType!.Value)
            : $"{PhysicalName(f.PhysicalType!.Value)} ({f.LogicalType})",
        ParquetFieldKind.List => $"list<{TypeName(f.Element!)}>",
        ParquetFieldKind.Map => $"map<{TypeName(f.Key!)}, {(f.Value is null ? "(none)" : TypeName(f.Value))}>",
        _ => "struct<" + string.Join(", ", f.Children.Select(c => $"{c.Name}: {TypeName(c)}")) + ">",
    };
}
