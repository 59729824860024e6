namespace Ember.Pipeline;

/// <summary>
/// An immutable Spark ML vector held by a stage definition (coefficients, means, centers...):
/// dense, or sparse with strictly increasing indices. Rows in frames use <see cref="VectorView"/>.
/// </summary>
public sealed class SparkVector
{
    private SparkVector(int size, int[]? indices, double[] values)
    {
        Size = size;
        Indices = indices;
        Values = values;
    }

    public int Size { get; }

    /// <summary>Null for a dense vector.</summary>
    public int[]? Indices { get; }

    /// <summary>Every element (dense) or the stored entries (sparse).</summary>
    public double[] Values { get; }

    public bool IsDense => Indices is null;

    public static SparkVector Dense(double[] values) => new(values.Length, null, values);

    /// <summary>A sparse vector; throws when indices are not strictly increasing within [0, size).</summary>
    public static SparkVector Sparse(int size, int[] indices, double[] values)
    {
        if (size < 0)
            throw new ArgumentException($"Sparse vector size {size} is negative.");
        if (indices.Length != values.Length)
            throw new ArgumentException($"Sparse vector has {indices.Length} indices but {values.Length} values.");
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] < 0 || indices[k] >= size || (k > 0 && indices[k] <= indices[k - 1]))
                throw new ArgumentException($"Sparse vector index {indices[k]} at position {k} is out of order or outside [0, {size}).");
        }
        return new SparkVector(size, indices, values);
    }

    public VectorView View => IsDense
        ? new VectorView(Values)
        : new VectorView(Size, Indices, Values);

    public double this[int i] => View[i];

    /// <summary>Every element as a new dense array.</summary>
    public double[] ToArray()
    {
        var a = new double[Size];
        View.CopyToDense(a);
        return a;
    }

    public override string ToString() => IsDense
        ? $"[{string.Join(",", Values)}]"
        : $"({Size},[{string.Join(",", Indices!)}],[{string.Join(",", Values)}])";
}
