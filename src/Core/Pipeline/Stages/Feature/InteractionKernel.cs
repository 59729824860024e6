using System.Buffers;

namespace Ember.Pipeline;

/// <summary>
/// The per-row work of <see cref="Interaction"/>: encodes each input (Spark's EncodingIterator),
/// then expands the product from the last input to the first exactly as Spark orders the entries
/// and multiplications. Scratch buffers are rented once per batch.
/// </summary>
internal sealed class InteractionKernel(InteractionKernel.Field[] fields, int output, int size) : Kernel
{
    public override void Execute(Frame frame)
    {
        var target = frame.Column<VectorColumn>(output);
        int maxEncoded = 1;
        foreach (var f in fields)
            maxEncoded = Math.Max(maxEncoded, f.EncodedSize);
        int[] encIdx = ArrayPool<int>.Shared.Rent(maxEncoded);
        double[] encVal = ArrayPool<double>.Shared.Rent(maxEncoded);
        int[] aIdx = ArrayPool<int>.Shared.Rent(size), bIdx = ArrayPool<int>.Shared.Rent(size);
        double[] aVal = ArrayPool<double>.Shared.Rent(size), bVal = ArrayPool<double>.Shared.Rent(size);
        try
        {
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                aIdx[0] = 0;
                aVal[0] = 1.0;
                int count = 1, prevSize = 1;
                bool ok = true;
                for (int fi = fields.Length - 1; fi >= 0 && ok; fi--)
                {
                    var field = fields[fi];
                    int active = Encode(frame, r, field, encIdx, encVal);
                    if (active < 0)
                    {
                        ok = false;
                        break;
                    }
                    int next = 0;
                    for (int k = 0; k < active; k++)
                    {
                        int offset = encIdx[k] * prevSize;
                        double a = encVal[k];
                        for (int j = 0; j < count; j++)
                        {
                            bIdx[next] = aIdx[j] + offset;
                            bVal[next++] = aVal[j] * a;
                        }
                    }
                    (aIdx, bIdx) = (bIdx, aIdx);
                    (aVal, bVal) = (bVal, aVal);
                    count = next;
                    prevSize *= field.EncodedSize;
                }
                if (ok)
                    target.SetCompressed(r, size, aIdx.AsSpan(0, count), aVal.AsSpan(0, count));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(encIdx);
            ArrayPool<double>.Shared.Return(encVal);
            ArrayPool<int>.Shared.Return(aIdx);
            ArrayPool<int>.Shared.Return(bIdx);
            ArrayPool<double>.Shared.Return(aVal);
            ArrayPool<double>.Shared.Return(bVal);
        }
    }

    /// <summary>The (index, value) pairs of one input, every slot included (zeros too); -1 after failing the row.</summary>
    private int Encode(Frame frame, int r, Field field, int[] idx, double[] val)
    {
        var column = frame.Columns[field.Slot];
        if (column.IsNull(r))
        {
            frame.Fail(r, new ScoreError(ErrorCode.NullValue, field.Name, Stage, "null value; Interaction cannot interact nulls."));
            return -1;
        }
        if (!field.IsVector)
        {
            double d = ((DoubleColumn)column).Values[r];
            int card = field.Cardinalities[0];
            if (card == 0)
            {
                idx[0] = 0;
                val[0] = d;
                return 1;
            }
            if (!IsIndex(d, card))
                return Invalid(frame, r, field, d, card);
            idx[0] = (int)d;
            val[0] = 1.0;
            return 1;
        }
        var v = ((VectorColumn)column).Get(r);
        if (v.Size != field.Cardinalities.Length)
        {
            frame.Fail(r, new ScoreError(ErrorCode.VectorSizeMismatch, field.Name, Stage,
                $"vector has size {v.Size} but its attributes describe {field.Cardinalities.Length} slots."));
            return -1;
        }
        int cur = 0;
        for (int i = 0; i < v.Size; i++)
        {
            double x = v[i];
            int card = field.Cardinalities[i];
            if (card > 0)
            {
                if (!IsIndex(x, card))
                    return Invalid(frame, r, field, x, card);
                idx[i] = cur + (int)x;
                val[i] = 1.0;
                cur += card;
            }
            else
            {
                idx[i] = cur;
                val[i] = x;
                cur += 1;
            }
        }
        return v.Size;
    }

    private static bool IsIndex(double x, int cardinality) => x >= 0.0 && x == Math.Truncate(x) && x < cardinality;

    private int Invalid(Frame frame, int r, Field field, double x, int cardinality)
    {
        frame.Fail(r, new ScoreError(ErrorCode.OutOfRange, field.Name, Stage,
            $"a nominal value must be an integral index in [0, {cardinality}).", JavaNumberFormat.FormatDouble(x)));
        return -1;
    }

    /// <param name="Name">Input column.</param>
    /// <param name="Slot">Its slot (as double for scalars).</param>
    /// <param name="IsVector">Vector input.</param>
    /// <param name="Cardinalities">Per slot: nominal cardinality, or 0 for numeric.</param>
    /// <param name="EncodedSize">Length of the encoded input.</param>
    internal sealed record Field(string Name, int Slot, bool IsVector, int[] Cardinalities, int EncodedSize);
}
