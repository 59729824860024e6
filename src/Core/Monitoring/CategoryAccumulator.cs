using System.Runtime.CompilerServices;

namespace Ember.Monitoring;

/// <summary>
/// Frequencies of a categorical column. The first <see cref="KnownCount"/> values are the ones a
/// baseline saw; values met later are learned (one dictionary entry each, up to a cap) so the
/// most frequent unseen values can be shown, and past the cap they only count as other. In the
/// steady state counting a value is a dictionary lookup on the string already in the frame: no
/// allocation (see <see cref="CategoryIndex"/>).
/// </summary>
internal sealed class CategoryAccumulator
{
    private readonly CategoryIndex _index;
    private readonly List<string> _values;
    private readonly int _capacity;
    private long[] _counts;

    /// <param name="known">Values of the baseline (index order kept), or none.</param>
    /// <param name="learnable">How many more distinct values may be learned before folding into other.</param>
    public CategoryAccumulator(IReadOnlyList<string> known, int learnable)
    {
        _index = new CategoryIndex(known.Count + 16);
        _values = new List<string>(known.Count + 16);
        foreach (var value in known)
        {
            if (_index.TryGetValue(value, out _))
                continue;
            _index.Add(value, _values.Count);
            _values.Add(value);
        }
        KnownCount = _values.Count;
        _capacity = KnownCount + Math.Max(0, learnable);
        _counts = new long[Math.Max(4, _values.Count + Math.Min(learnable, 16))];
    }

    /// <summary>Values that came from the baseline (indices below this are seen).</summary>
    public int KnownCount { get; }

    /// <summary>Rows whose value was folded into other (past the learning cap, or other of merged data).</summary>
    public long Other { get; private set; }

    /// <summary>True once any value was folded into other.</summary>
    public bool Truncated { get; private set; }

    public int DistinctCount => _values.Count;

    public string ValueAt(int index) => _values[index];

    public long CountAt(int index) => index < _counts.Length ? _counts[index] : 0;

    /// <summary>The index of a baseline value, or −1 when <paramref name="value"/> is not one.</summary>
    public int KnownIndexOf(string value) => _index.TryGetValue(value, out int i) && i < KnownCount ? i : -1;

    /// <summary>Counts <paramref name="value"/>; returns false when the baseline never saw it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(string value)
    {
        if (_index.TryGetValue(value, out int i))
        {
            _counts[i]++;
            return i < KnownCount;
        }
        Learn(value, 1);
        return false;
    }

    /// <summary>Counts the value at a known index (booleans, class indexes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddIndex(int index) => _counts[index]++;

    public void AddOther(long count)
    {
        Other += count;
        if (count > 0)
            Truncated = true;
    }

    public void Add(string value, long count)
    {
        if (count <= 0)
            return;
        if (_index.TryGetValue(value, out int i))
            _counts[i] += count;
        else
            Learn(value, count);
    }

    public void Merge(CategoryAccumulator other)
    {
        for (int i = 0; i < other._values.Count; i++)
            Add(other._values[i], other.CountAt(i));
        Other += other.Other;
        Truncated |= other.Truncated;
    }

    /// <summary>The <paramref name="max"/> most frequent values (ties: first seen first), the rest as other.</summary>
    public CategoricalData ToData(int max)
    {
        var order = new int[_values.Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) => CountAt(b) != CountAt(a) ? CountAt(b).CompareTo(CountAt(a)) : a.CompareTo(b));
        int kept = Math.Min(max, order.Length);
        var values = new List<CategoryCount>(kept);
        long other = Other;
        for (int k = 0; k < order.Length; k++)
        {
            long count = CountAt(order[k]);
            if (k < kept && count > 0)
                values.Add(new CategoryCount(_values[order[k]], count));
            else
                other += count;
        }
        return new CategoricalData(values, other, Truncated || other > Other);
    }

    private void Learn(string value, long count)
    {
        if (_values.Count >= _capacity)
        {
            Other += count;
            Truncated = true;
            return;
        }
        int i = _values.Count;
        _index.Add(value, i);
        _values.Add(value);
        if (i >= _counts.Length)
            Array.Resize(ref _counts, Math.Min(_capacity, Math.Max(_counts.Length * 2, i + 1)));
        _counts[i] += count;
    }
}
