namespace Ember.Pipeline;

/// <summary>
/// A batch of rows laid out by column slot, as a compiled pipeline reads and writes it. A single
/// row is a frame of one row: both run the same kernels. Frames are reused: <see cref="Reset"/>
/// prepares one for the next batch without allocating.
/// </summary>
public sealed class Frame
{
    private RowState[] _states;
    private ScoreError?[] _errors;

    public Frame(IReadOnlyList<SparkType> slotTypes, int capacity)
    {
        capacity = Math.Max(1, capacity);
        Columns = new Pipeline.Column[slotTypes.Count];
        for (int i = 0; i < Columns.Length; i++)
            Columns[i] = Pipeline.Column.Create(slotTypes[i], capacity);
        _states = new RowState[capacity];
        _errors = new ScoreError?[capacity];
    }

    /// <summary>Columns by slot index.</summary>
    public Pipeline.Column[] Columns { get; }

    public int Capacity => _states.Length;

    public int RowCount { get; private set; }

    public RowState[] States => _states;

    /// <summary>Why a skipped or failed row was, by row; null for rows that are Ok.</summary>
    public ScoreError?[] Errors => _errors;

    /// <summary>True when every row is Ok (kernels use it to take their fast path).</summary>
    public bool AllOk { get; private set; } = true;

    /// <summary>Prepares the frame for <paramref name="rowCount"/> new rows: all Ok, all columns non-null and rewound.</summary>
    public void Reset(int rowCount)
    {
        if (rowCount > _states.Length)
        {
            _states = new RowState[rowCount];
            _errors = new ScoreError?[rowCount];
            foreach (var c in Columns)
                c.EnsureCapacity(rowCount);
        }
        else
        {
            Array.Clear(_states, 0, rowCount);
            Array.Clear(_errors, 0, rowCount);
        }
        foreach (var c in Columns)
            c.Reset(rowCount);
        RowCount = rowCount;
        AllOk = true;
    }

    public bool IsOk(int row) => _states[row] == RowState.Ok;

    /// <summary>Drops the row as handleInvalid = skip does.</summary>
    public void Skip(int row, ScoreError reason)
    {
        if (_states[row] != RowState.Ok)
            return;
        _states[row] = RowState.Skipped;
        _errors[row] = reason;
        AllOk = false;
    }

    /// <summary>Refuses the row (Spark would have thrown).</summary>
    public void Fail(int row, ScoreError error)
    {
        if (_states[row] != RowState.Ok)
            return;
        _states[row] = RowState.Failed;
        _errors[row] = error;
        AllOk = false;
    }

    public T Column<T>(int slot) where T : Pipeline.Column => (T)Columns[slot];
}
