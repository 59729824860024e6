namespace Ember.Pipeline;

/// <summary>
/// One column of a <see cref="Frame"/>: typed storage for up to <see cref="Capacity"/> rows plus a
/// null flag per row. Columns are allocated once per frame and reused across batches, so kernels
/// write into them without allocating.
/// </summary>
public abstract class Column
{
    private bool[] _nulls;

    protected Column(SparkType type, int capacity)
    {
        Type = type;
        _nulls = new bool[capacity];
    }

    public SparkType Type { get; }

    public int Capacity => _nulls.Length;

    /// <summary>Null flags by row; kernels that write a row also set its flag.</summary>
    public bool[] Nulls => _nulls;

    public bool IsNull(int row) => _nulls[row];

    public void SetNull(int row) => _nulls[row] = true;

    /// <summary>Makes room for <paramref name="capacity"/> rows; contents are not kept.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= _nulls.Length)
            return;
        _nulls = new bool[capacity];
        Grow(capacity);
    }

    /// <summary>Forgets the previous batch: every row becomes non-null, variable-size storage is rewound.</summary>
    public virtual void Reset(int rowCount) => Array.Clear(_nulls, 0, Math.Min(rowCount, _nulls.Length));

    protected abstract void Grow(int capacity);

    /// <summary>Creates the column type that stores <paramref name="type"/>.</summary>
    public static Column Create(SparkType type, int capacity) => type.Kind switch
    {
        SparkTypeKind.Boolean => new BooleanColumn(capacity),
        SparkTypeKind.Byte or SparkTypeKind.Short or SparkTypeKind.Int or SparkTypeKind.Long
            or SparkTypeKind.Date or SparkTypeKind.Timestamp => new LongColumn(type, capacity),
        SparkTypeKind.Float or SparkTypeKind.Double or SparkTypeKind.Decimal => new DoubleColumn(type, capacity),
        SparkTypeKind.String => new StringColumn(capacity),
        SparkTypeKind.Vector => new VectorColumn(capacity),
        SparkTypeKind.Array when type.Element == SparkType.String => new StringArrayColumn(capacity),
        SparkTypeKind.Array when type.Element is { IsNumeric: true } => new DoubleArrayColumn(type, capacity),
        SparkTypeKind.Array when type.Element == SparkType.Vector => new VectorArrayColumn(capacity),
        _ => throw new NotSupportedException($"Columns of type {type} are not supported."),
    };
}
