using Ember.Pipeline;

namespace Ember.Monitoring;

internal sealed partial class ColumnProfile
{
    // One value each: the loops of ColumnProfile.Observe.cs for a single-row frame, where setting
    // up a loop per column costs more than the value (most requests carry one row). Same counts.

    public void ObserveNumber(double value, bool isNull)
    {
        Count++;
        if (isNull) { Nulls++; return; }
        if (value < _rangeMin || value > _rangeMax)
            OutOfRange++;
        Numeric!.Add(value);
    }

    public void ObserveClass(double value, bool isNull)
    {
        Count++;
        if (isNull) { Nulls++; return; }
        var categories = Categories!;
        if (value >= 0 && value < categories.KnownCount && value == Math.Floor(value))
            categories.AddIndex((int)value);
        else
            categories.AddOther(1);
    }

    public void ObserveBoolean(bool value, bool isNull)
    {
        Count++;
        if (isNull) { Nulls++; return; }
        Categories!.AddIndex(value ? 1 : 0);
    }

    public void ObserveString(string? value, bool isNull)
    {
        Count++;
        if (isNull || value is null) { Nulls++; return; }
        if (!Categories!.Add(value) && _hasBaseline)
            Unseen++;
    }

    /// <summary>One value of <see cref="ObserveIndexedStrings"/>: <paramref name="index"/> is trusted only when <paramref name="rowOk"/>.</summary>
    public void ObserveIndexedString(string? value, bool isNull, bool rowOk, double index, int[] knownOfLabel)
    {
        if (rowOk && !isNull && value is not null)
        {
            uint label = (uint)(int)index;
            if (label < (uint)knownOfLabel.Length && knownOfLabel[label] is var known and >= 0)
            {
                Count++;
                Categories!.AddIndex(known);
                return;
            }
        }
        ObserveString(value, isNull);
    }

    public void ObserveProbability(VectorColumn column, int row, bool isNull)
    {
        Count++;
        if (isNull) { Nulls++; return; }
        var stored = column.StoredValues(row);
        if (stored.Length == column.SizeOf(row))
            Probability!.Add(stored);
    }
}
