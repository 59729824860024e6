using Ember.Pipeline;

namespace Ember.Monitoring;

internal sealed partial class ColumnProfile
{
    /// <summary>
    /// Profiles rows [0, <paramref name="rows"/>) of <paramref name="column"/>; with
    /// <paramref name="states"/>, only rows that are Ok (outputs of skipped or failed rows are
    /// not predictions). One type switch per frame, then a tight loop: no allocation per row.
    /// </summary>
    public void Observe(Column column, int rows, RowState[]? states)
    {
        var nulls = column.Nulls;
        switch (column)
        {
            case DoubleColumn d when Kind == ProfileKind.Class:
                ObserveClasses(d.Values, nulls, rows, states);
                break;
            case DoubleColumn d when Numeric is not null:
                ObserveNumbers(d.Values, nulls, rows, states);
                break;
            case LongColumn l when Numeric is not null:
                ObserveNumbers(l.Values, nulls, rows, states);
                break;
            case BooleanColumn b when Categories is not null:
                for (int r = 0; r < rows; r++)
                {
                    if (Skip(states, r)) continue;
                    Count++;
                    if (nulls[r]) { Nulls++; continue; }
                    Categories.AddIndex(b.Values[r] ? 1 : 0);
                }
                break;
            case StringColumn s when Categories is not null:
                ObserveStrings(s.Values, nulls, rows, states);
                break;
            case VectorColumn v:
                ObserveVectors(v, nulls, rows, states);
                break;
            case StringArrayColumn sa when Numeric is not null:
                for (int r = 0; r < rows; r++)
                {
                    if (Skip(states, r)) continue;
                    Count++;
                    if (nulls[r] || sa.Values[r] is not { } tokens) { Nulls++; continue; }
                    AddNumber(tokens.Length);
                }
                break;
            case DoubleArrayColumn da when Numeric is not null:
                for (int r = 0; r < rows; r++)
                {
                    if (Skip(states, r)) continue;
                    Count++;
                    if (nulls[r] || da.Values[r] is not { } values) { Nulls++; continue; }
                    AddNumber(values.Length);
                }
                break;
            default:
                // A column whose type does not fit the profile (a schema changed under a stored
                // baseline): count rows and nulls only, never fail scoring for monitoring's sake.
                for (int r = 0; r < rows; r++)
                {
                    if (Skip(states, r)) continue;
                    Count++;
                    if (nulls[r]) Nulls++;
                }
                break;
        }
    }

    private static bool Skip(RowState[]? states, int row) => states is not null && states[row] != RowState.Ok;

    private void ObserveNumbers<T>(T[] values, bool[] nulls, int rows, RowState[]? states) where T : struct, System.Numerics.INumberBase<T>
    {
        var (seen, nullCount, outside) = Numeric!.AddRows(values, nulls, rows, states, _rangeMin, _rangeMax);
        Count += seen;
        Nulls += nullCount;
        OutOfRange += outside;
    }

    private void AddNumber(double value)
    {
        Numeric!.Add(value);
        if (value < _rangeMin || value > _rangeMax)
            OutOfRange++;
    }

    private void ObserveClasses(double[] values, bool[] nulls, int rows, RowState[]? states)
    {
        var categories = Categories!;
        int classes = categories.KnownCount;
        for (int r = 0; r < rows; r++)
        {
            if (Skip(states, r)) continue;
            Count++;
            if (nulls[r]) { Nulls++; continue; }
            double v = values[r];
            if (v >= 0 && v < classes && v == Math.Floor(v))
                categories.AddIndex((int)v);
            else
                categories.AddOther(1);
        }
    }

    private void ObserveStrings(string?[] values, bool[] nulls, int rows, RowState[]? states)
    {
        var categories = Categories!;
        long seen = 0, nullCount = 0, unseen = 0;
        for (int r = 0; r < rows; r++)
        {
            if (Skip(states, r)) continue;
            seen++;
            if (nulls[r] || values[r] is not { } value) { nullCount++; continue; }
            if (!categories.Add(value))
                unseen++;
        }
        Count += seen;
        Nulls += nullCount;
        if (_hasBaseline)
            Unseen += unseen;
    }

    private void ObserveVectors(VectorColumn column, bool[] nulls, int rows, RowState[]? states)
    {
        for (int r = 0; r < rows; r++)
        {
            if (Skip(states, r)) continue;
            Count++;
            if (nulls[r]) { Nulls++; continue; }
            var view = column.Get(r);
            if (Probability is not null)
                Probability.Add(view.Values.Length == view.Size ? view.Values : default);
            else if (Numeric is not null)
                AddNumber(view.NonZeroCount());
        }
    }
}
