namespace Ember.Pipeline;

/// <summary>
/// A read-only look at one vector without copying it: dense (Values holds every element) or
/// sparse (Indices strictly increasing, Values the stored entries, explicit zeros allowed).
/// </summary>
public readonly ref struct VectorView
{
    public VectorView(int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        Size = size;
        Indices = indices;
        Values = values;
        IsDense = false;
    }

    public VectorView(ReadOnlySpan<double> dense)
    {
        Size = dense.Length;
        Indices = default;
        Values = dense;
        IsDense = true;
    }

    internal VectorView(int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values, bool dense)
    {
        Size = size;
        Indices = indices;
        Values = values;
        IsDense = dense;
    }

    public int Size { get; }

    public bool IsDense { get; }

    public bool IsSparse => !IsDense;

    public ReadOnlySpan<int> Indices { get; }

    public ReadOnlySpan<double> Values { get; }

    /// <summary>Number of stored entries (Size when dense).</summary>
    public int StoredCount => Values.Length;

    /// <summary>Index of the k-th stored entry.</summary>
    public int IndexAt(int k) => IsDense ? k : Indices[k];

    /// <summary>Element i (binary search when sparse; use the stored entries in loops instead).</summary>
    public double this[int i]
    {
        get
        {
            if (IsDense)
                return Values[i];
            int k = Indices.BinarySearch(i);
            return k >= 0 ? Values[k] : 0.0;
        }
    }

    /// <summary>Writes every element into <paramref name="destination"/> (length Size).</summary>
    public void CopyToDense(Span<double> destination)
    {
        if (IsDense)
        {
            Values.CopyTo(destination);
            return;
        }
        destination[..Size].Clear();
        for (int k = 0; k < Indices.Length; k++)
            destination[Indices[k]] = Values[k];
    }

    /// <summary>Number of values != 0 (NaN counts), as Spark's numNonzeros.</summary>
    public int NonZeroCount()
    {
        int n = 0;
        foreach (var v in Values)
            if (v != 0.0)
                n++;
        return n;
    }
}
