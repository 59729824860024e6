namespace Ember.Pipeline;

/// <summary>
/// One row as a <see cref="CustomRowTransform"/> sees it: inputs and outputs by their position in
/// the stage's column lists. Outputs left unset are null. Call <see cref="Fail"/> where your
/// Python transformer would raise (the row gets an error naming the stage), <see cref="Skip"/>
/// where it would filter the row out.
/// </summary>
public ref struct CustomRow
{
    private readonly Frame _frame;
    private readonly int[] _inputs;
    private readonly int[] _outputs;
    private readonly string[] _inputNames;
    private readonly string _stage;

    internal CustomRow(Frame frame, int row, int[] inputs, int[] outputs, string[] inputNames, string stage)
    {
        _frame = frame;
        Index = row;
        _inputs = inputs;
        _outputs = outputs;
        _inputNames = inputNames;
        _stage = stage;
    }

    /// <summary>Row index within the batch.</summary>
    public int Index { get; }

    public readonly bool IsNull(int input) => _frame.Columns[_inputs[input]].IsNull(Index);

    public readonly string? GetString(int input) => In<StringColumn>(input).Values[Index];

    public readonly double GetDouble(int input) => In<DoubleColumn>(input).Values[Index];

    public readonly long GetLong(int input) => In<LongColumn>(input).Values[Index];

    public readonly bool GetBoolean(int input) => In<BooleanColumn>(input).Values[Index];

    public readonly VectorView GetVector(int input) => In<VectorColumn>(input).Get(Index);

    public readonly string?[]? GetStringArray(int input) => In<StringArrayColumn>(input).Values[Index];

    public readonly double[]? GetDoubleArray(int input) => In<DoubleArrayColumn>(input).Values[Index];

    public readonly void SetString(int output, string? value) => Out<StringColumn>(output).Set(Index, value);

    public readonly void SetDouble(int output, double value) => Out<DoubleColumn>(output).Set(Index, value);

    public readonly void SetLong(int output, long value) => Out<LongColumn>(output).Set(Index, value);

    public readonly void SetBoolean(int output, bool value) => Out<BooleanColumn>(output).Set(Index, value);

    public readonly void SetVector(int output, ReadOnlySpan<double> dense) => Out<VectorColumn>(output).SetDense(Index, dense);

    public readonly void SetSparseVector(int output, int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values) =>
        Out<VectorColumn>(output).SetSparse(Index, size, indices, values);

    public readonly void SetStringArray(int output, string?[]? value) => Out<StringArrayColumn>(output).Set(Index, value);

    public readonly void SetDoubleArray(int output, double[]? value) => Out<DoubleArrayColumn>(output).Set(Index, value);

    public readonly void SetNull(int output) => _frame.Columns[_outputs[output]].SetNull(Index);

    /// <summary>Refuses the row with an error naming input <paramref name="input"/> (Spark would have thrown).</summary>
    public readonly void Fail(int input, string message, string? value = null) =>
        _frame.Fail(Index, new ScoreError(ErrorCode.InvalidValue, _inputNames[input], _stage, message, value));

    /// <summary>Drops the row, as a filtering transformer would.</summary>
    public readonly void Skip(int input, string message) =>
        _frame.Skip(Index, new ScoreError(ErrorCode.InvalidValue, _inputNames[input], _stage, message));

    private readonly T In<T>(int input) where T : Column => (T)_frame.Columns[_inputs[input]];

    private readonly T Out<T>(int output) where T : Column => (T)_frame.Columns[_outputs[output]];
}
