namespace Ember.Pipeline;

/// <summary>The per-row work of <see cref="OneHotEncoderModel"/> and the 2.x <see cref="OneHotEncoder"/>.</summary>
internal sealed class OneHotKernel(OneHotKernel.EncodedColumn[] columns, bool keepInvalid, bool legacy) : Kernel
{
    public override void Execute(Frame frame)
    {
        foreach (var c in columns)
        {
            var input = frame.Column<DoubleColumn>(c.InputSlot);
            var output = frame.Column<VectorColumn>(c.OutputSlot);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (input.IsNull(r))
                {
                    output.SetNull(r);
                    continue;
                }
                double x = input.Values[r];
                if (!TryIndex(frame, r, c, x, out double index))
                    continue;
                var w = output.BeginSparse(r, c.Size, 1);
                if (index < c.Size)
                {
                    w.Indices[0] = JavaMath.DoubleToInt(index);
                    w.Values[0] = 1.0;
                    output.CommitSparse(r, 1);
                }
                else
                {
                    output.CommitSparse(r, 0);
                }
            }
        }
    }

    private bool TryIndex(Frame frame, int r, EncodedColumn c, double x, out double index)
    {
        index = x;
        if (legacy)
        {
            // 2.x: (int) x may be negative only when x <= -1 (Java truncation); Spark's vector refuses it.
            if (x < c.Size && JavaMath.DoubleToInt(x) < 0)
            {
                frame.Fail(r, new ScoreError(ErrorCode.OutOfRange, c.Name, Stage,
                    "negative category index; the one-hot encoder needs indices from 0.", JavaNumberFormat.FormatDouble(x)));
                return false;
            }
            return true;
        }
        if (x >= 0 && x < c.Categories)
            return true;
        if (keepInvalid)
        {
            index = c.Categories;
            return true;
        }
        frame.Fail(r, x < 0
            ? new ScoreError(ErrorCode.OutOfRange, c.Name, Stage,
                "negative value: category indices cannot be negative (handleInvalid = keep would accept it).", JavaNumberFormat.FormatDouble(x))
            : new ScoreError(ErrorCode.UnseenValue, c.Name, Stage,
                $"unseen value: the model knows {c.Categories} categories, so the index must be in [0, {c.Categories}) (handleInvalid = keep would accept it).",
                JavaNumberFormat.FormatDouble(x)));
        return false;
    }

    /// <param name="Name">Input column name, for errors.</param>
    /// <param name="InputSlot">Slot of the input as a double.</param>
    /// <param name="OutputSlot">Slot of the vector output.</param>
    /// <param name="Categories">Categories seen at fit time (the model's categorySize).</param>
    /// <param name="Size">Output vector size after dropLast/keep.</param>
    internal sealed record EncodedColumn(string Name, int InputSlot, int OutputSlot, int Categories, int Size);
}
