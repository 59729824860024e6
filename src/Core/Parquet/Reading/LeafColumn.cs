namespace Ember.Parquet.Reading;

/// <summary>
/// One leaf column of one row group, fully decoded: repetition and definition levels per entry
/// (null when the level is always 0) and the non-null values in physical form.
/// </summary>
internal sealed class LeafColumn
{
    public LeafColumn(SchemaNode node)
    {
        Node = node;
        MaxDef = node.DefLevel;
        MaxRep = node.RepLevel;
        Values = new ColumnValues(node.PhysicalType!.Value, node.TypeLength);
    }

    public SchemaNode Node { get; }
    public int MaxDef { get; }
    public int MaxRep { get; }
    public ColumnValues Values { get; }

    /// <summary>Entries (values and nulls and empty lists) decoded so far.</summary>
    public int EntryCount;
    public int[] Def = [];
    public int[] Rep = [];

    /// <summary>Makes room for n more entries and returns the spans their levels go to.</summary>
    /// <summary>
    /// For BYTE_ARRAY columns whose every data page is dictionary-encoded: the dictionary and each
    /// value's index into it, so columnar reads decode each distinct string once.
    /// </summary>
    public ColumnValues? Dictionary;
    public int[] DictionaryIndices = [];
    public bool AllDictionaryEncoded = true;

    public void AddDictionaryIndices(ColumnValues dictionary, ReadOnlySpan<int> indices)
    {
        if (!AllDictionaryEncoded)
            return;
        int start = Values.Count - indices.Length; // the values were appended just before
        if (start + indices.Length > DictionaryIndices.Length)
            Array.Resize(ref DictionaryIndices, Grow(DictionaryIndices.Length, start + indices.Length));
        indices.CopyTo(DictionaryIndices.AsSpan(start));
        Dictionary = dictionary;
    }

    public void Reserve(int n)
    {
        int needed = checked(EntryCount + n);
        if (MaxDef > 0 && needed > Def.Length)
            Array.Resize(ref Def, Grow(Def.Length, needed));
        if (MaxRep > 0 && needed > Rep.Length)
            Array.Resize(ref Rep, Grow(Rep.Length, needed));
    }

    public int DefAt(int entry) => MaxDef == 0 ? 0 : Def[entry];

    public int RepAt(int entry) => MaxRep == 0 ? 0 : Rep[entry];

    private static int Grow(int current, int needed) => (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(1024L, current * 2L)));
}
