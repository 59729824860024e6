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
                ObserveBooleans(b.Values, nulls, rows, states);
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

    public void ObserveNumbers<T>(T[] values, bool[] nulls, int rows, RowState[]? states) where T : struct, System.Numerics.INumberBase<T>
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

    public void ObserveClasses(double[] values, bool[] nulls, int rows, RowState[]? states)
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

    public void ObserveBooleans(bool[] values, bool[] nulls, int rows, RowState[]? states)
    {
        var categories = Categories!;
        for (int r = 0; r < rows; r++)
        {
            if (Skip(states, r)) continue;
            Count++;
            if (nulls[r]) { Nulls++; continue; }
            categories.AddIndex(values[r] ? 1 : 0);
        }
    }

    public void ObserveStrings(string?[] values, bool[] nulls, int rows, RowState[]? states)
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

    /// <summary>
    /// Profiles every row of a string input that a StringIndexer of the plan looked up: a row that
    /// ended Ok holds its label's index in <paramref name="indexes"/>, and a label that is a
    /// baseline value is counted by <paramref name="knownOfLabel"/> without touching the string.
    /// Everything else (rows refused on the way, so their index may be stale; values the indexer
    /// did not know; labels the baseline lacks) is looked up as <see cref="ObserveStrings"/> does,
    /// so the profile is the same either way.
    /// </summary>
    /// <param name="rowStates">The frame's row states, null when all rows are Ok.</param>
    public void ObserveIndexedStrings(string?[] values, bool[] nulls, int rows, double[] indexes, int[] knownOfLabel, RowState[]? rowStates)
    {
        var categories = Categories!;
        long nullCount = 0, unseen = 0;
        for (int r = 0; r < rows; r++)
        {
            if (nulls[r] || values[r] is not { } value) { nullCount++; continue; }
            if (rowStates is null || rowStates[r] == RowState.Ok)
            {
                // An index of an Ok row is exact; labels.Count (keep's invalid index) fails the bound check.
                uint label = (uint)(int)indexes[r];
                if (label < (uint)knownOfLabel.Length && knownOfLabel[label] is var known and >= 0)
                {
                    categories.AddIndex(known);
                    continue;
                }
            }
            if (!categories.Add(value))
                unseen++;
        }
        Count += rows;
        Nulls += nullCount;
        if (_hasBaseline)
            Unseen += unseen;
    }

    public void ObserveVectors(VectorColumn column, bool[] nulls, int rows, RowState[]? states)
    {
        for (int r = 0; r < rows; r++)
        {
            if (Skip(states, r)) continue;
            Count++;
            if (nulls[r]) { Nulls++; continue; }
            if (Probability is not null)
            {
                // Only a vector with every entry stored is a probability per class (a dense one, or a sparse one stored in full).
                var stored = column.StoredValues(r);
                if (stored.Length == column.SizeOf(r))
                    Probability.Add(stored);
            }
            else if (Numeric is not null)
            {
                AddNumber(column.Get(r).NonZeroCount());
            }
        }
    }
}
