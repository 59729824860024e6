namespace Ember.Pipeline;

/// <summary>byte, short, int, long values; date (days since epoch) and timestamp (microseconds since epoch).</summary>
public sealed class LongColumn : Column
{
    public LongColumn(SparkType type, int capacity) : base(type, capacity) => Values = new long[capacity];

    public long[] Values { get; private set; }

    public void Set(int row, long value)
    {
        Values[row] = value;
        Nulls[row] = false;
    }

    protected override void Grow(int capacity) => Values = new long[capacity];
}
