namespace Ember.Batch.Input;

/// <summary>
/// How a passthrough column's values are held: text cells (CSV), raw JSON (JSONL), or typed
/// values straight from a Parquet column.
/// </summary>
internal enum PassthroughKind
{
    Text,
    Json,
    Boolean,
    Int32,
    Int64,
    Float,
    Double,
}

internal sealed record PassthroughField(string Name, PassthroughKind Kind);

/// <summary>
/// One passthrough column of a chunk: chunk row r is <c>Values[Offset + r]</c>. Text and Json
/// hold <c>string?[]</c> (null = null); typed kinds hold the array and a null mask.
/// </summary>
internal sealed class PassthroughColumn(PassthroughField field, Array values, bool[]? nulls, int offset)
{
    public PassthroughField Field { get; } = field;
    public Array Values { get; } = values;
    public bool[]? Nulls { get; } = nulls;
    public int Offset { get; } = offset;

    public bool IsNull(int row) => Values is string?[] s ? s[Offset + row] is null : Nulls is { } n && n[Offset + row];

    public string? Text(int row) => ((string?[])Values)[Offset + row];
}
