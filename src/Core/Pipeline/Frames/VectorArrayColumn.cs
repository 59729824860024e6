namespace Ember.Pipeline;

/// <summary>array&lt;vector&gt; (LSH hash values): one array of vectors per row, allocated as the output itself.</summary>
public sealed class VectorArrayColumn : Column
{
    public VectorArrayColumn(int capacity) : base(SparkType.VectorArray, capacity) => Values = new SparkVector[]?[capacity];

    public SparkVector[]?[] Values { get; private set; }

    public void Set(int row, SparkVector[]? value)
    {
        Values[row] = value;
        Nulls[row] = value is null;
    }

    protected override void Grow(int capacity) => Values = new SparkVector[]?[capacity];
}
