namespace Ember.Pipeline;

/// <summary>CAST(x AS DOUBLE) for integral, float, decimal and boolean columns; null stays null.</summary>
internal sealed class CastToDoubleKernel(int source, int target) : Kernel
{
    public override void Execute(Frame frame)
    {
        var output = frame.Column<DoubleColumn>(target);
        int n = frame.RowCount;
        switch (frame.Columns[source])
        {
            case LongColumn longs:
                for (int r = 0; r < n; r++)
                {
                    if (longs.Nulls[r]) output.SetNull(r);
                    else output.Set(r, longs.Values[r]);
                }
                break;
            case BooleanColumn bools:
                for (int r = 0; r < n; r++)
                {
                    if (bools.Nulls[r]) output.SetNull(r);
                    else output.Set(r, bools.Values[r] ? 1.0 : 0.0);
                }
                break;
            case DoubleColumn doubles:
                for (int r = 0; r < n; r++)
                {
                    if (doubles.Nulls[r]) output.SetNull(r);
                    else output.Set(r, doubles.Values[r]);
                }
                break;
            default:
                throw new InvalidOperationException($"Cannot cast a {frame.Columns[source].Type} column to double.");
        }
    }
}
