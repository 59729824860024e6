using Ember.Parquet.Reading;

namespace Ember.Parquet.Writing;

/// <summary>The shredded entries of one leaf column for the row group being written.</summary>
internal sealed class LeafBuffer
{
    public LeafBuffer(SchemaNode node)
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
    public int EntryCount;
    public int[] Def = new int[256];
    public int[] Rep = new int[256];

    public void AddLevels(int rep, int def)
    {
        if (EntryCount == Def.Length)
        {
            Array.Resize(ref Def, Def.Length * 2);
            Array.Resize(ref Rep, Rep.Length * 2);
        }
        Def[EntryCount] = def;
        Rep[EntryCount] = rep;
        EntryCount++;
    }

    /// <summary>Makes room for n entries at once and returns where they start (columnar writes fill Def and Rep directly).</summary>
    public int ReserveLevels(int n)
    {
        int needed = checked(EntryCount + n);
        if (needed > Def.Length)
        {
            int size = Math.Max(needed, Def.Length * 2);
            Array.Resize(ref Def, size);
            Array.Resize(ref Rep, size);
        }
        int start = EntryCount;
        EntryCount = needed;
        return start;
    }

    public void Clear()
    {
        EntryCount = 0;
        Values.Clear();
    }
}
