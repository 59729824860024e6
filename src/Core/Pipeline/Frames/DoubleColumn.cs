namespace Ember.Pipeline;

/// <summary>float, double and decimal values (floats are stored widened, which is exact).</summary>
public sealed class DoubleColumn : Column
{
    public DoubleColumn(SparkType type, int capacity) : base(type, capacity) => Values = new double[capacity];

    public double[] Values { get; private set; }

    public void Set(int row, double value)
    {
        Values[row] = value;
        Nulls[row] = false;
    }

    protected override void Grow(int capacity) => Values = new double[capacity];
}
