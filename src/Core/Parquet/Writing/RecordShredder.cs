namespace Ember.Parquet.Writing;

/// <summary>
/// Splits records into leaf entries (Dremel striping): each leaf gets one entry per value, null
/// or empty list on its path, with the repetition level where the entry repeats and the
/// definition level to which its path is defined.
/// </summary>
internal static class RecordShredder
{
    public static void Shred(ParquetSchema schema, LeafBuffer[] leaves, ParquetRecord record)
    {
        var fields = schema.Fields;
        if (record.Count != fields.Count)
            throw new ArgumentException($"the record has {record.Count} values but the schema has {fields.Count} fields");
        for (int i = 0; i < fields.Count; i++)
            Shred(fields[i], ValueOf(record, fields[i], i), 0, 0, leaves);
    }

    public static void Shred(ParquetSchema schema, LeafBuffer[] leaves, ReadOnlySpan<object?> values)
    {
        var fields = schema.Fields;
        if (values.Length != fields.Count)
            throw new ArgumentException($"the row has {values.Length} values but the schema has {fields.Count} fields");
        for (int i = 0; i < fields.Count; i++)
            Shred(fields[i], values[i], 0, 0, leaves);
    }

    /// <summary>Fields are matched by name when the record names them, else by position.</summary>
    private static object? ValueOf(ParquetRecord record, ParquetField field, int index)
        => record.TryGet(field.Name, out var v) ? v : record[index];

    private static void Shred(ParquetField f, object? value, int rep, int parentDef, LeafBuffer[] leaves)
    {
        var node = f.Node;
        if (value is null)
        {
            if (f.Repetition != ParquetRepetition.Optional)
                throw new ArgumentException($"field '{node.DottedPath}' is required but the value is null");
            EmitEmpty(node, rep, parentDef, leaves);
            return;
        }
        int def = node.DefLevel;
        switch (f.Kind)
        {
            case ParquetFieldKind.Primitive:
                {
                    var leaf = leaves[node.LeafIndex];
                    WriteValueConverter.Append(f, leaf.Values, value);
                    leaf.AddLevels(rep, def);
                    break;
                }
            case ParquetFieldKind.Struct:
                {
                    if (value is not ParquetRecord record)
                        throw new ArgumentException($"field '{node.DottedPath}' is a struct; pass a ParquetRecord, not {value.GetType().Name}");
                    var children = f.Children;
                    if (record.Count != children.Count)
                        throw new ArgumentException($"struct '{node.DottedPath}' has {children.Count} fields but the record has {record.Count}");
                    for (int i = 0; i < children.Count; i++)
                        Shred(children[i], ValueOf(record, children[i], i), rep, def, leaves);
                    break;
                }
            case ParquetFieldKind.List:
                {
                    var repeated = f.RepeatedNode!;
                    int i = 0;
                    foreach (object? item in AsList(node, value))
                        Shred(f.Element!, item, i++ == 0 ? rep : repeated.RepLevel, repeated.DefLevel, leaves);
                    if (i == 0)
                        EmitEmpty(node, rep, def, leaves);
                    break;
                }
            default:
                {
                    var repeated = f.RepeatedNode!;
                    int i = 0;
                    foreach (var (k, v) in AsMap(node, value))
                    {
                        int r = i++ == 0 ? rep : repeated.RepLevel;
                        if (k is null)
                            throw new ArgumentException($"map '{node.DottedPath}' has a null key");
                        Shred(f.Key!, k, r, repeated.DefLevel, leaves);
                        if (f.Value is not null)
                            Shred(f.Value, v, r, repeated.DefLevel, leaves);
                    }
                    if (i == 0)
                        EmitEmpty(node, rep, def, leaves);
                    break;
                }
        }
    }

    /// <summary>One entry without value in every leaf below the node: a null, or an empty list or map.</summary>
    private static void EmitEmpty(SchemaNode node, int rep, int def, LeafBuffer[] leaves)
    {
        for (int leaf = node.FirstLeaf; leaf < node.FirstLeaf + node.LeafCount; leaf++)
            leaves[leaf].AddLevels(rep, def);
    }

    private static System.Collections.IEnumerable AsList(SchemaNode node, object value) => value switch
    {
        string or ParquetRecord => throw new ArgumentException($"field '{node.DottedPath}' is a list; pass a list, not {value.GetType().Name}"),
        System.Collections.IEnumerable e => e,
        _ => throw new ArgumentException($"field '{node.DottedPath}' is a list; pass a list, not {value.GetType().Name}"),
    };

    private static IEnumerable<(object? Key, object? Value)> AsMap(SchemaNode node, object value)
    {
        switch (value)
        {
            case IEnumerable<KeyValuePair<object?, object?>> pairs:
                foreach (var kv in pairs)
                    yield return (kv.Key, kv.Value);
                break;
            case System.Collections.IDictionary dict:
                foreach (System.Collections.DictionaryEntry e in dict)
                    yield return (e.Key, e.Value);
                break;
            default:
                throw new ArgumentException($"field '{node.DottedPath}' is a map; pass key-value pairs or a dictionary, not {value.GetType().Name}");
        }
    }
}
