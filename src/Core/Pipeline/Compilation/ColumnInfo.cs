namespace Ember.Pipeline;

/// <summary>
/// What the compiler knows about one column of the DataFrame at some point of the pipeline:
/// its name, type, slot, nullability and ML attributes. Compile-time only.
/// </summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Spark type.</param>
/// <param name="Slot">Index of the column in a <see cref="Frame"/>.</param>
/// <param name="Nullable">Whether rows can hold null here.</param>
/// <param name="Attribute">ML attribute of a scalar column (nominal cardinality, labels...).</param>
/// <param name="Vector">Size and per-slot attributes of a vector column.</param>
/// <param name="ProducedBy">The stage that added the column; null for a raw input.</param>
public sealed record ColumnInfo(
    string Name,
    SparkType Type,
    int Slot,
    bool Nullable,
    MlAttribute? Attribute = null,
    VectorAttributes? Vector = null,
    string? ProducedBy = null)
{
    public bool IsInput => ProducedBy is null;

    /// <summary>Vector size when known at compile time, else -1.</summary>
    public int VectorSize => Vector?.Size ?? -1;
}
