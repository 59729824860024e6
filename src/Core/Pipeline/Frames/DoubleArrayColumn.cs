namespace Ember.Pipeline;

/// <summary>array of a numeric type, values widened to double.</summary>
public sealed class DoubleArrayColumn : Column
{
    public DoubleArrayColumn(SparkType type, int capacity) : base(type, capacity) => Values = new double[]?[capacity];

    public double[]?[] Values { get; private set; }

    public void Set(int row, double[]? value)
    {
        Values[row] = value;
        Nulls[row] = value is null;
    }

    protected override void Grow(int capacity) => Values = new double[]?[capacity];
}
