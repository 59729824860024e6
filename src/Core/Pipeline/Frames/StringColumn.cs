namespace Ember.Pipeline;

/// <summary>Strings; a null reference is also flagged null.</summary>
public sealed class StringColumn : Column
{
    public StringColumn(int capacity) : base(SparkType.String, capacity) => Values = new string?[capacity];

    public string?[] Values { get; private set; }

    public void Set(int row, string? value)
    {
        Values[row] = value;
        Nulls[row] = value is null;
    }

    protected override void Grow(int capacity) => Values = new string?[capacity];
}
