namespace Ember.Pipeline;

/// <summary>The per-row work of <see cref="VectorIndexerModel"/>; copies each vector once into the output.</summary>
internal sealed class VectorIndexerKernel(string name, int input, int output, int numFeatures, int[] features,
    Dictionary<double, int>[] maps, InvalidHandling mode) : Kernel
{
    public override void Execute(Frame frame)
    {
        var source = frame.Column<VectorColumn>(input);
        var target = frame.Column<VectorColumn>(output);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            if (source.IsNull(r))
            {
                frame.Fail(r, new ScoreError(ErrorCode.NullValue, name, Stage, "null vector; VectorIndexer cannot index it."));
                continue;
            }
            var v = source.Get(r);
            if (v.Size != numFeatures)
            {
                frame.Fail(r, new ScoreError(ErrorCode.VectorSizeMismatch, name, Stage,
                    $"vector has size {v.Size} but the VectorIndexerModel expects {numFeatures}."));
                continue;
            }
            if (v.IsDense)
            {
                var values = target.AppendDense(r, v.Size);
                v.Values.CopyTo(values);
                for (int f = 0; f < features.Length; f++)
                {
                    if (!Map(frame, r, f, values[features[f]], out double mapped))
                        break;
                    values[features[f]] = mapped;
                }
            }
            else
            {
                var w = target.BeginSparse(r, v.Size, v.StoredCount);
                v.Indices.CopyTo(w.Indices);
                v.Values.CopyTo(w.Values);
                // Walk the sorted categorical features and the stored indices together.
                int f = 0, k = 0;
                while (f < features.Length && k < v.StoredCount)
                {
                    if (features[f] < v.Indices[k])
                        f++;
                    else if (features[f] > v.Indices[k])
                        k++;
                    else
                    {
                        if (!Map(frame, r, f, w.Values[k], out double mapped))
                            break;
                        w.Values[k] = mapped;
                        f++;
                    }
                }
                target.CommitSparse(r, v.StoredCount);
            }
        }
    }

    /// <summary>Looks a value up (Scala map equality: -0.0 finds 0.0, NaN finds nothing); false after skipping or failing the row.</summary>
    private bool Map(Frame frame, int r, int f, double value, out double mapped)
    {
        var map = maps[f];
        if (!double.IsNaN(value) && map.TryGetValue(value == 0.0 ? 0.0 : value, out int category))
        {
            mapped = category;
            return true;
        }
        mapped = map.Count;
        if (mode == InvalidHandling.Keep)
            return true;
        string shown = JavaNumberFormat.FormatDouble(value);
        if (mode == InvalidHandling.Skip)
            frame.Skip(r, new ScoreError(ErrorCode.Skipped, name, Stage, $"unseen category on feature index {features[f]} dropped by handleInvalid = skip.", shown));
        else
            frame.Fail(r, new ScoreError(ErrorCode.UnseenValue, name, Stage,
                $"invalid value on feature index {features[f]}: the model knows {map.Count} categories there (handleInvalid = keep or skip would accept it).", shown));
        return false;
    }
}
