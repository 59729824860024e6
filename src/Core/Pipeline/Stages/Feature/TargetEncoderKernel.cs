namespace Ember.Pipeline;

/// <summary>One input → one output column of TargetEncoderModel (see there for the rules).</summary>
internal sealed class TargetEncoderKernel(ColumnInfo input, int output, TargetEncoderKernel.Encodings encodings, bool keep) : Kernel
{
    /// <summary>Known categories (without Spark's reserved keys), the null category's encoding if any, the global encoding.</summary>
    internal sealed record Encodings(Dictionary<double, double> Known, double? Null, double Unseen);

    public override void Execute(Frame frame)
    {
        var source = frame.Columns[input.Slot];
        var target = frame.Column<DoubleColumn>(output);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            if (source.IsNull(r))
            {
                if (encodings.Null is { } n)
                    target.Set(r, n);
                else if (keep)
                    target.Set(r, encodings.Unseen);
                else
                    Unseen(frame, r, "null");
                continue;
            }
            double v;
            string text;
            switch (source)
            {
                case DoubleColumn d:
                    v = d.Values[r];
                    text = JavaNumberFormat.FormatDouble(v);
                    break;
                case LongColumn l:
                    v = l.Values[r];
                    text = l.Values[r].ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    frame.Fail(r, new ScoreError(ErrorCode.WrongType, input.Name, Stage, "is not numeric."));
                    continue;
            }
            // -0.0 and 0.0 are the same key (.NET's double equality), as in Spark's map lookup.
            if (encodings.Known.TryGetValue(v, out double e))
                target.Set(r, e);
            else if (keep)
                target.Set(r, encodings.Unseen);
            else
                Unseen(frame, r, text);
        }
    }

    private void Unseen(Frame frame, int r, string value) =>
        frame.Fail(r, new ScoreError(value == "null" ? ErrorCode.NullValue : ErrorCode.UnseenValue, input.Name, Stage,
            $"Unseen value {value} in feature {input.Name}. To handle unseen values, set Param handleInvalid to keep."));
}
