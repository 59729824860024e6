namespace Ember.Pipeline;

/// <summary>Boolean values.</summary>
public sealed class BooleanColumn : Column
{
    public BooleanColumn(int capacity) : base(SparkType.Boolean, capacity) => Values = new bool[capacity];

    public bool[] Values { get; private set; }

    public void Set(int row, bool value)
    {
        Values[row] = value;
        Nulls[row] = false;
    }

    protected override void Grow(int capacity) => Values = new bool[capacity];
}
