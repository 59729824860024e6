namespace Ember.Parquet.Reading;

/// <summary>
/// Rebuilds nested records from the leaf columns of one row group (Dremel record assembly): a
/// node is null when the next entry's definition level is below the node's, a list continues
/// while the next entry repeats at the list's repetition level. Every step consumes at least one
/// entry, so corrupt levels end in an error, never a loop.
/// </summary>
internal sealed class RecordAssembler
{
    private readonly ParquetSchema _schema;
    private readonly LeafColumn[] _leaves;
    private readonly int[] _entry;
    private readonly int[] _value;
    private readonly LogicalValueKind[] _kinds;
    private readonly string[] _rootNames;

    public RecordAssembler(ParquetSchema schema, LeafColumn[] leaves)
    {
        _schema = schema;
        _leaves = leaves;
        _entry = new int[leaves.Length];
        _value = new int[leaves.Length];
        _kinds = new LogicalValueKind[leaves.Length];
        _rootNames = schema.Fields.Select(f => f.Name).ToArray();
        foreach (var f in schema.Fields)
            SetKinds(f);
    }

    private void SetKinds(ParquetField f)
    {
        switch (f.Kind)
        {
            case ParquetFieldKind.Primitive: _kinds[f.Node.LeafIndex] = ValueConverter.KindOf(f); break;
            case ParquetFieldKind.Struct: foreach (var c in f.Children) SetKinds(c); break;
            case ParquetFieldKind.List: SetKinds(f.Element!); break;
            default:
                SetKinds(f.Key!);
                if (f.Value is not null) SetKinds(f.Value);
                break;
        }
    }

    public bool HasMore => _leaves.Length > 0 && _entry[0] < _leaves[0].EntryCount;

    public ParquetRecord ReadRecord()
    {
        var fields = _schema.Fields;
        var values = new object?[fields.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = ReadField(fields[i]);
        return new ParquetRecord(_rootNames, values);
    }

    /// <summary>After the last record: every leaf must be used up, or the levels disagree.</summary>
    public void CheckFullyConsumed()
    {
        for (int i = 0; i < _leaves.Length; i++)
            if (_entry[i] != _leaves[i].EntryCount || _value[i] != _leaves[i].Values.Count)
                ParquetThrow.Data($"column '{_leaves[i].Node.DottedPath}' has {_leaves[i].EntryCount - _entry[i]} entries left after the last record (inconsistent levels)");
    }

    private object? ReadField(ParquetField f)
    {
        var node = f.Node;
        if (f.Repetition == ParquetRepetition.Optional && Def(node.FirstLeaf) < node.DefLevel)
        {
            SkipEntry(node);
            return null;
        }
        switch (f.Kind)
        {
            case ParquetFieldKind.Primitive:
                return TakeValue(f);
            case ParquetFieldKind.Struct:
                {
                    var children = f.Children;
                    var names = new string[children.Count];
                    var values = new object?[children.Count];
                    for (int i = 0; i < values.Length; i++)
                    {
                        names[i] = children[i].Name;
                        values[i] = ReadField(children[i]);
                    }
                    return new ParquetRecord(names, values);
                }
            case ParquetFieldKind.List:
                {
                    var repeated = f.RepeatedNode!;
                    var list = new List<object?>();
                    if (Def(repeated.FirstLeaf) < repeated.DefLevel)
                    {
                        SkipEntry(repeated);
                        return list;
                    }
                    do
                        list.Add(ReadField(f.Element!));
                    while (ContinuesList(repeated));
                    return list;
                }
            default:
                {
                    var repeated = f.RepeatedNode!;
                    var map = new List<KeyValuePair<object?, object?>>();
                    if (Def(repeated.FirstLeaf) < repeated.DefLevel)
                    {
                        SkipEntry(repeated);
                        return map;
                    }
                    do
                    {
                        object? key = ReadField(f.Key!);
                        object? value = f.Value is null ? null : ReadField(f.Value);
                        map.Add(new(key, value));
                    }
                    while (ContinuesList(repeated));
                    return map;
                }
        }
    }

    private bool ContinuesList(SchemaNode repeated)
    {
        int leaf = repeated.FirstLeaf;
        int e = _entry[leaf];
        return e < _leaves[leaf].EntryCount && _leaves[leaf].RepAt(e) == repeated.RepLevel;
    }

    private int Def(int leaf)
    {
        int e = _entry[leaf];
        if (e >= _leaves[leaf].EntryCount)
            ParquetThrow.Data($"column '{_leaves[leaf].Node.DottedPath}' ran out of entries while assembling a record (inconsistent levels)");
        return _leaves[leaf].DefAt(e);
    }

    private void SkipEntry(SchemaNode node)
    {
        for (int leaf = node.FirstLeaf; leaf < node.FirstLeaf + node.LeafCount; leaf++)
        {
            if (_entry[leaf] >= _leaves[leaf].EntryCount)
                ParquetThrow.Data($"column '{_leaves[leaf].Node.DottedPath}' ran out of entries while assembling a record (inconsistent levels)");
            _entry[leaf]++;
        }
    }

    private object? TakeValue(ParquetField f)
    {
        int leaf = f.Node.LeafIndex;
        var column = _leaves[leaf];
        int d = Def(leaf);
        if (d != column.MaxDef)
            ParquetThrow.Data($"column '{column.Node.DottedPath}' has definition level {d} where a value is required (inconsistent levels)");
        int v = _value[leaf];
        if (v >= column.Values.Count)
            ParquetThrow.Data($"column '{column.Node.DottedPath}' has fewer values than its definition levels promise");
        _entry[leaf]++;
        _value[leaf] = v + 1;
        return ValueConverter.Convert(_kinds[leaf], f, column.Values, v);
    }
}
