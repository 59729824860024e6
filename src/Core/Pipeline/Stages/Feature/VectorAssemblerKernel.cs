namespace Ember.Pipeline;

/// <summary>The per-row work of <see cref="VectorAssembler"/>; writes straight into the output column.</summary>
internal sealed class VectorAssemblerKernel(VectorAssembler.AssemblerInput[] inputs, int output, VectorAssembler.InvalidMode mode) : Kernel
{
    public override void Execute(Frame frame)
    {
        var outColumn = frame.Column<VectorColumn>(output);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r) || !Validate(frame, r))
                continue;
            int size = 0;
            foreach (var input in inputs)
                size += input.IsVector && !frame.Columns[input.Slot].IsNull(r)
                    ? ((VectorColumn)frame.Columns[input.Slot]).SizeOf(r)
                    : input.Size;
            var w = outColumn.BeginSparse(r, size, size);
            int count = 0, offset = 0;
            foreach (var input in inputs)
            {
                var column = frame.Columns[input.Slot];
                if (!input.IsVector)
                {
                    double v = column.IsNull(r) ? double.NaN : ((DoubleColumn)column).Values[r];
                    if (v != 0.0)
                    {
                        w.Indices[count] = offset;
                        w.Values[count++] = v;
                    }
                    offset++;
                    continue;
                }
                if (column.IsNull(r))
                {
                    // keep: a null vector becomes `size` NaNs.
                    for (int j = 0; j < input.Size; j++)
                    {
                        w.Indices[count] = offset + j;
                        w.Values[count++] = double.NaN;
                    }
                    offset += input.Size;
                    continue;
                }
                var vec = ((VectorColumn)column).Get(r);
                for (int k = 0; k < vec.StoredCount; k++)
                {
                    double v = vec.Values[k];
                    if (v != 0.0)
                    {
                        w.Indices[count] = offset + vec.IndexAt(k);
                        w.Values[count++] = v;
                    }
                }
                offset += vec.Size;
            }
            outColumn.CommitCompressed(r, count);
        }
    }

    /// <summary>Applies handleInvalid to nulls and scalar NaNs; false when the row was skipped or failed.</summary>
    private bool Validate(Frame frame, int r)
    {
        foreach (var input in inputs)
        {
            var column = frame.Columns[input.Slot];
            bool isNull = column.IsNull(r);
            bool isNaN = !isNull && !input.IsVector && double.IsNaN(((DoubleColumn)column).Values[r]);
            if (!isNull && !isNaN)
            {
                if (input.IsVector && input.Size >= 0 && ((VectorColumn)column).SizeOf(r) != input.Size)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.VectorSizeMismatch, input.Name, Stage,
                        $"vector has size {((VectorColumn)column).SizeOf(r)} but the pipeline expects {input.Size}."));
                    return false;
                }
                continue;
            }
            switch (mode)
            {
                case VectorAssembler.InvalidMode.Keep:
                    continue;
                case VectorAssembler.InvalidMode.Legacy when isNaN:
                    continue;
                case VectorAssembler.InvalidMode.Skip:
                    frame.Skip(r, new ScoreError(ErrorCode.Skipped, input.Name, Stage,
                        isNull ? "null value dropped by handleInvalid = skip." : "NaN value dropped by handleInvalid = skip."));
                    return false;
                default:
                    frame.Fail(r, isNull
                        ? new ScoreError(ErrorCode.NullValue, input.Name, Stage, "null value; VectorAssembler with handleInvalid = error refuses nulls (use keep or skip, or send a value).")
                        : new ScoreError(ErrorCode.InvalidValue, input.Name, Stage, "NaN value; VectorAssembler with handleInvalid = error refuses NaN.", "NaN"));
                    return false;
            }
        }
        return true;
    }
}
