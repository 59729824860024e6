namespace Ember.Parquet;

/// <summary>
/// One flat top-level column for <see cref="ParquetFileWriter.WriteColumns"/>: dense values (one per
/// row, ignored where <c>nulls</c> is true), or for list&lt;double&gt; offsets and values.
/// </summary>
public sealed class ParquetWriteColumn
{
    private ParquetWriteColumn(string name, Array values, bool[]? nulls, int[]? offsets)
    {
        Name = name;
        Values = values;
        Nulls = nulls;
        Offsets = offsets;
    }

    public string Name { get; }
    internal Array Values { get; }
    internal bool[]? Nulls { get; }
    internal int[]? Offsets { get; }

    public static ParquetWriteColumn Doubles(string name, double[] values, bool[]? nulls = null) => new(name, values, nulls, null);
    public static ParquetWriteColumn Floats(string name, float[] values, bool[]? nulls = null) => new(name, values, nulls, null);
    public static ParquetWriteColumn Int32s(string name, int[] values, bool[]? nulls = null) => new(name, values, nulls, null);
    public static ParquetWriteColumn Int64s(string name, long[] values, bool[]? nulls = null) => new(name, values, nulls, null);
    public static ParquetWriteColumn Booleans(string name, bool[] values, bool[]? nulls = null) => new(name, values, nulls, null);

    /// <summary>Strings; a null string is a null value.</summary>
    public static ParquetWriteColumn Strings(string name, string?[] values) => new(name, values, null, null);

    /// <summary>Row i holds values[offsets[i] .. offsets[i + 1]); offsets has one more entry than there are rows.</summary>
    public static ParquetWriteColumn DoubleLists(string name, int[] offsets, double[] values, bool[]? nulls = null) => new(name, values, nulls, offsets);

    internal int RowCount => Offsets is not null ? Offsets.Length - 1 : Values.Length;
}
