namespace Ember.Pipeline;

/// <summary>array&lt;string&gt; (tokens); elements may be null as in Spark.</summary>
public sealed class StringArrayColumn : Column
{
    public StringArrayColumn(int capacity) : base(SparkType.StringArray, capacity) => Values = new string?[]?[capacity];

    public string?[]?[] Values { get; private set; }

    public void Set(int row, string?[]? value)
    {
        Values[row] = value;
        Nulls[row] = value is null;
    }

    protected override void Grow(int capacity) => Values = new string?[]?[capacity];
}
