namespace Ember.Pipeline;

/// <summary>
/// Spark ML vectors (dense or sparse) for a batch, stored flat: row r owns the entries
/// [Start[r], Start[r] + Count[r]) of <see cref="EntryValues"/> (and of <see cref="EntryIndices"/>
/// when sparse). Rows are appended in order by the one kernel that writes the column, so a
/// batch reuses the same buffers and writing a vector allocates nothing once they are warm.
/// </summary>
public sealed class VectorColumn : Column
{
    private int[] _start;
    private int[] _count;
    private int[] _size;
    private bool[] _dense;
    private double[] _values;
    private int[] _indices;
    private int _used;

    public VectorColumn(int capacity) : base(SparkType.Vector, capacity)
    {
        _start = new int[capacity];
        _count = new int[capacity];
        _size = new int[capacity];
        _dense = new bool[capacity];
        _values = new double[Math.Max(16, capacity * 4)];
        _indices = new int[_values.Length];
    }

    public double[] EntryValues => _values;

    public int[] EntryIndices => _indices;

    public VectorView Get(int row) => _dense[row]
        ? new VectorView(_values.AsSpan(_start[row], _count[row]))
        : new VectorView(_size[row], _indices.AsSpan(_start[row], _count[row]), _values.AsSpan(_start[row], _count[row]));

    /// <summary>The values stored for <paramref name="row"/>: all of them for a dense vector, the non-zero entries of a sparse one.</summary>
    public ReadOnlySpan<double> StoredValues(int row) => _values.AsSpan(_start[row], _count[row]);

    /// <summary>Size of the vector in <paramref name="row"/>.</summary>
    public int SizeOf(int row) => _size[row];

    public bool IsDense(int row) => _dense[row];

    /// <summary>Starts a dense vector of <paramref name="size"/> in <paramref name="row"/>; fill the returned span.</summary>
    public Span<double> AppendDense(int row, int size)
    {
        Reserve(size);
        _start[row] = _used;
        _count[row] = size;
        _size[row] = size;
        _dense[row] = true;
        Nulls[row] = false;
        var span = _values.AsSpan(_used, size);
        _used += size;
        return span;
    }

    /// <summary>Copies a dense vector into <paramref name="row"/>.</summary>
    public void SetDense(int row, ReadOnlySpan<double> values) => values.CopyTo(AppendDense(row, values.Length));

    /// <summary>Copies a sparse vector into <paramref name="row"/>; indices must be strictly increasing.</summary>
    public void SetSparse(int row, int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        var w = BeginSparse(row, size, indices.Length);
        indices.CopyTo(w.Indices);
        values.CopyTo(w.Values);
        CommitSparse(row, indices.Length);
    }

    /// <summary>Copies any vector view into <paramref name="row"/>, keeping its representation.</summary>
    public void Set(int row, in VectorView vector)
    {
        if (vector.IsDense)
            SetDense(row, vector.Values);
        else
            SetSparse(row, vector.Size, vector.Indices, vector.Values);
    }

    /// <summary>
    /// Reserves room for up to <paramref name="maxEntries"/> sparse entries in <paramref name="row"/>;
    /// write them into the returned spans, then call <see cref="CommitSparse"/> with the count used.
    /// </summary>
    public SparseWriter BeginSparse(int row, int size, int maxEntries)
    {
        Reserve(maxEntries);
        _start[row] = _used;
        _size[row] = size;
        _dense[row] = false;
        return new SparseWriter(_indices.AsSpan(_used, maxEntries), _values.AsSpan(_used, maxEntries));
    }

    public void CommitSparse(int row, int count)
    {
        _count[row] = count;
        Nulls[row] = false;
        _used += count;
    }

    /// <summary>
    /// Writes Spark's <c>Vector.compressed</c> of a dense buffer: sparse when
    /// 1.5 * (nnz + 1.0) &lt; size, else dense (NaN counts as non-zero).
    /// </summary>
    public void SetCompressed(int row, ReadOnlySpan<double> dense)
    {
        int nnz = 0;
        foreach (var v in dense)
            if (v != 0.0)
                nnz++;
        if (1.5 * (nnz + 1.0) < dense.Length)
        {
            var w = BeginSparse(row, dense.Length, nnz);
            int k = 0;
            for (int i = 0; i < dense.Length; i++)
            {
                if (dense[i] != 0.0)
                {
                    w.Indices[k] = i;
                    w.Values[k] = dense[i];
                    k++;
                }
            }
            CommitSparse(row, nnz);
        }
        else
        {
            SetDense(row, dense);
        }
    }

    /// <summary>
    /// Writes Spark's <c>Vector.compressed</c> of sparse entries (indices strictly increasing;
    /// explicit zeros are dropped, as compressed does).
    /// </summary>
    public void SetCompressed(int row, int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        int nnz = 0;
        foreach (var v in values)
            if (v != 0.0)
                nnz++;
        if (1.5 * (nnz + 1.0) < size)
        {
            var w = BeginSparse(row, size, nnz);
            int k = 0;
            for (int i = 0; i < indices.Length; i++)
            {
                if (values[i] != 0.0)
                {
                    w.Indices[k] = indices[i];
                    w.Values[k] = values[i];
                    k++;
                }
            }
            CommitSparse(row, nnz);
        }
        else
        {
            var d = AppendDense(row, size);
            d.Clear();
            for (int i = 0; i < indices.Length; i++)
                d[indices[i]] = values[i];
        }
    }

    /// <summary>
    /// Finishes a row begun with <see cref="BeginSparse"/> (maxEntries ≥ size) as Spark's
    /// <c>compressed</c>: the <paramref name="count"/> entries written (indices increasing) stay
    /// sparse without their zeros when 1.5 * (nnz + 1.0) &lt; size, else they are spread in place
    /// into a dense vector. Lets a kernel build either form without a scratch buffer.
    /// </summary>
    public void CommitCompressed(int row, int count)
    {
        int start = _start[row], size = _size[row];
        var idx = _indices.AsSpan(start, Math.Max(count, size));
        var val = _values.AsSpan(start, Math.Max(count, size));
        int nnz = 0;
        for (int k = 0; k < count; k++)
            if (val[k] != 0.0)
                nnz++;
        if (1.5 * (nnz + 1.0) < size)
        {
            if (nnz != count)
            {
                int w = 0;
                for (int k = 0; k < count; k++)
                {
                    if (val[k] != 0.0)
                    {
                        idx[w] = idx[k];
                        val[w] = val[k];
                        w++;
                    }
                }
            }
            CommitSparse(row, nnz);
            return;
        }
        // Back to front: entry k moves to idx[k] >= k, so no unread entry is overwritten.
        int next = size;
        for (int k = count - 1; k >= 0; k--)
        {
            int target = idx[k];
            val.Slice(target + 1, next - target - 1).Clear();
            val[target] = val[k];
            next = target;
        }
        val[..next].Clear();
        _count[row] = size;
        _dense[row] = true;
        Nulls[row] = false;
        _used += size;
    }

    public override void Reset(int rowCount)
    {
        base.Reset(rowCount);
        _used = 0;
    }

    protected override void Grow(int capacity)
    {
        _start = new int[capacity];
        _count = new int[capacity];
        _size = new int[capacity];
        _dense = new bool[capacity];
        _used = 0;
    }

    private void Reserve(int entries)
    {
        if (_used + entries <= _values.Length)
            return;
        int length = Math.Max(_values.Length * 2, _used + entries);
        Array.Resize(ref _values, length);
        Array.Resize(ref _indices, length);
    }

    /// <summary>Spans a kernel writes one sparse vector into.</summary>
    public readonly ref struct SparseWriter
    {
        public SparseWriter(Span<int> indices, Span<double> values)
        {
            Indices = indices;
            Values = values;
        }

        public Span<int> Indices { get; }

        public Span<double> Values { get; }
    }
}
