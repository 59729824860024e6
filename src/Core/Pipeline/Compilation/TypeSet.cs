namespace Ember.Pipeline;

/// <summary>Which column types a stage accepts for one of its inputs.</summary>
[Flags]
public enum TypeSet
{
    None = 0,
    Numeric = 1,
    Boolean = 2,
    String = 4,
    Vector = 8,
    StringArray = 16,
    NumericArray = 32,
    Temporal = 64,
    Any = Numeric | Boolean | String | Vector | StringArray | NumericArray | Temporal,
}

internal static class TypeSetExtensions
{
    public static bool Accepts(this TypeSet set, SparkType type) => type.Kind switch
    {
        _ when type.IsNumeric => (set & TypeSet.Numeric) != 0,
        SparkTypeKind.Boolean => (set & TypeSet.Boolean) != 0,
        SparkTypeKind.String => (set & TypeSet.String) != 0,
        SparkTypeKind.Vector => (set & TypeSet.Vector) != 0,
        SparkTypeKind.Date or SparkTypeKind.Timestamp => (set & TypeSet.Temporal) != 0,
        SparkTypeKind.Array when type.Element == SparkType.String => (set & TypeSet.StringArray) != 0,
        SparkTypeKind.Array when type.Element is { IsNumeric: true } => (set & TypeSet.NumericArray) != 0,
        _ => false,
    };

    public static string Describe(this TypeSet set)
    {
        var parts = new List<string>();
        if ((set & TypeSet.Numeric) != 0) parts.Add("numeric");
        if ((set & TypeSet.Boolean) != 0) parts.Add("boolean");
        if ((set & TypeSet.String) != 0) parts.Add("string");
        if ((set & TypeSet.Vector) != 0) parts.Add("vector");
        if ((set & TypeSet.StringArray) != 0) parts.Add("array<string>");
        if ((set & TypeSet.NumericArray) != 0) parts.Add("array<numeric>");
        if ((set & TypeSet.Temporal) != 0) parts.Add("date/timestamp");
        return string.Join(" or ", parts);
    }
}
