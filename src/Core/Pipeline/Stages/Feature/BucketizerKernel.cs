namespace Ember.Pipeline;

/// <summary>The per-row work of <see cref="Bucketizer"/>.</summary>
internal sealed class BucketizerKernel(BucketizerKernel.BucketedColumn[] columns, InvalidHandling mode, (string Name, int Slot)[] dropSlots) : Kernel
{
    public override void Execute(Frame frame)
    {
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r) || (mode == InvalidHandling.Skip && !KeepRow(frame, r)))
                continue;
            foreach (var c in columns)
            {
                var input = frame.Column<DoubleColumn>(c.InputSlot);
                var output = frame.Column<DoubleColumn>(c.OutputSlot);
                if (input.IsNull(r))
                {
                    output.SetNull(r);
                    continue;
                }
                double bucket = Bucket(c.Splits, input.Values[r], mode == InvalidHandling.Keep);
                if (bucket < 0)
                {
                    frame.Fail(r, double.IsNaN(input.Values[r])
                        ? new ScoreError(ErrorCode.InvalidValue, c.Name, Stage, "NaN value; Bucketizer with handleInvalid = error refuses NaN (keep or skip would accept it).", "NaN")
                        : new ScoreError(ErrorCode.OutOfRange, c.Name, Stage,
                            $"value is out of the Bucketizer bounds [{JavaNumberFormat.FormatDouble(c.Splits[0])}, {JavaNumberFormat.FormatDouble(c.Splits[^1])}].",
                            JavaNumberFormat.FormatDouble(input.Values[r])));
                    break;
                }
                output.Set(r, bucket);
            }
        }
    }

    /// <summary>Spark's binarySearchForBuckets; -1 where Spark throws.</summary>
    internal static double Bucket(double[] splits, double x, bool keepInvalid)
    {
        if (double.IsNaN(x))
            return keepInvalid ? splits.Length - 1 : -1;
        if (x == splits[^1])
            return splits.Length - 2;
        int idx = JavaMath.BinarySearch(splits, x);
        if (idx >= 0)
            return idx;
        int insert = -idx - 1;
        return insert == 0 || insert == splits.Length ? -1 : insert - 1;
    }

    /// <summary>na.drop over the relevant columns: null anywhere, NaN in a float/double column.</summary>
    private bool KeepRow(Frame frame, int r)
    {
        foreach (var (name, slot) in dropSlots)
        {
            var column = frame.Columns[slot];
            bool isNull = column.IsNull(r);
            if (isNull || (column is DoubleColumn d && double.IsNaN(d.Values[r])))
            {
                frame.Skip(r, new ScoreError(ErrorCode.Skipped, name, Stage,
                    isNull ? "null value dropped by handleInvalid = skip." : "NaN value dropped by handleInvalid = skip."));
                return false;
            }
        }
        return true;
    }

    internal sealed record BucketedColumn(string Name, int InputSlot, int OutputSlot, double[] Splits);
}
