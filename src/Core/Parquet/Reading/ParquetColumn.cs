namespace Ember.Parquet;

/// <summary>
/// One flat top-level column of one row group as a dense typed array (length <see cref="RowCount"/>)
/// plus a null mask. Exactly one value array is set, chosen by the field's type:
/// BOOLEAN → Booleans; INT32 (and 8/16-bit ints, UINT_8/16) → Int32s; INT64 and UINT_32 → Int64s;
/// FLOAT → Floats; DOUBLE → Doubles; strings (UTF8/ENUM/JSON) → Strings; anything else → Objects,
/// holding the same values records hold. Null slots hold default values.
/// </summary>
public sealed class ParquetColumn
{
    internal ParquetColumn(ParquetField field, int rowCount)
    {
        Field = field;
        RowCount = rowCount;
    }

    public ParquetField Field { get; }
    public int RowCount { get; }

    /// <summary>True where the row is null; null when no row is null.</summary>
    public bool[]? Nulls { get; internal set; }

    public bool[]? Booleans { get; internal set; }
    public int[]? Int32s { get; internal set; }
    public long[]? Int64s { get; internal set; }
    public float[]? Floats { get; internal set; }
    public double[]? Doubles { get; internal set; }
    public string?[]? Strings { get; internal set; }
    public object?[]? Objects { get; internal set; }

    public bool IsNull(int row) => Nulls is not null && Nulls[row];
}

/// <summary>
/// A top-level list&lt;double&gt; or list&lt;float&gt; column of one row group: row i's elements are
/// Doubles (or Floats) [Offsets[i] .. Offsets[i + 1]). Null lists have no elements and are marked in
/// <see cref="Nulls"/>. Elements must not be null (read such columns with records).
/// </summary>
public sealed class ParquetListColumn
{
    internal ParquetListColumn(ParquetField field, int rowCount, int[] offsets)
    {
        Field = field;
        RowCount = rowCount;
        Offsets = offsets;
    }

    public ParquetField Field { get; }
    public int RowCount { get; }
    public int[] Offsets { get; }
    public bool[]? Nulls { get; internal set; }
    public double[]? Doubles { get; internal set; }
    public float[]? Floats { get; internal set; }

    public bool IsNull(int row) => Nulls is not null && Nulls[row];

    public int LengthOf(int row) => Offsets[row + 1] - Offsets[row];
}
