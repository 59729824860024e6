namespace Ember.Pipeline;

/// <summary>The Spark SQL data types a pipeline column can have (the subset ML pipelines use).</summary>
public enum SparkTypeKind
{
    Boolean,
    Byte,
    Short,
    Int,
    Long,
    Float,
    Double,
    Decimal,
    String,
    Binary,
    Date,
    Timestamp,
    /// <summary>org.apache.spark.ml.linalg.VectorUDT (dense or sparse).</summary>
    Vector,
    /// <summary>array&lt;Element&gt;.</summary>
    Array,
}

/// <summary>
/// A column type as Spark names it. Instances for the common types are shared; compare with ==.
/// </summary>
public sealed class SparkType : IEquatable<SparkType>
{
    public static readonly SparkType Boolean = new(SparkTypeKind.Boolean);
    public static readonly SparkType Byte = new(SparkTypeKind.Byte);
    public static readonly SparkType Short = new(SparkTypeKind.Short);
    public static readonly SparkType Int = new(SparkTypeKind.Int);
    public static readonly SparkType Long = new(SparkTypeKind.Long);
    public static readonly SparkType Float = new(SparkTypeKind.Float);
    public static readonly SparkType Double = new(SparkTypeKind.Double);
    public static readonly SparkType Decimal = new(SparkTypeKind.Decimal);
    public static readonly SparkType String = new(SparkTypeKind.String);
    public static readonly SparkType Binary = new(SparkTypeKind.Binary);
    public static readonly SparkType Date = new(SparkTypeKind.Date);
    public static readonly SparkType Timestamp = new(SparkTypeKind.Timestamp);
    public static readonly SparkType Vector = new(SparkTypeKind.Vector);
    public static readonly SparkType StringArray = new(SparkTypeKind.Array, String);
    public static readonly SparkType DoubleArray = new(SparkTypeKind.Array, Double);
    public static readonly SparkType FloatArray = new(SparkTypeKind.Array, Float);

    /// <summary>array&lt;vector&gt;: the hash values of the LSH models (one vector per hash table).</summary>
    public static readonly SparkType VectorArray = new(SparkTypeKind.Array, Vector);

    private SparkType(SparkTypeKind kind, SparkType? element = null)
    {
        Kind = kind;
        Element = element;
    }

    public SparkTypeKind Kind { get; }

    /// <summary>Element type of an array; null otherwise.</summary>
    public SparkType? Element { get; }

    public static SparkType ArrayOf(SparkType element) => element.Kind switch
    {
        SparkTypeKind.String => StringArray,
        SparkTypeKind.Double => DoubleArray,
        SparkTypeKind.Float => FloatArray,
        SparkTypeKind.Vector => VectorArray,
        _ => new SparkType(SparkTypeKind.Array, element),
    };

    /// <summary>Byte, short, int, long, float, double, decimal.</summary>
    public bool IsNumeric => Kind is SparkTypeKind.Byte or SparkTypeKind.Short or SparkTypeKind.Int
        or SparkTypeKind.Long or SparkTypeKind.Float or SparkTypeKind.Double or SparkTypeKind.Decimal;

    /// <summary>Byte, short, int, long: stored in a <see cref="LongColumn"/>.</summary>
    public bool IsIntegral => Kind is SparkTypeKind.Byte or SparkTypeKind.Short or SparkTypeKind.Int or SparkTypeKind.Long;

    /// <summary>Float, double, decimal: stored in a <see cref="DoubleColumn"/>.</summary>
    public bool IsFractional => Kind is SparkTypeKind.Float or SparkTypeKind.Double or SparkTypeKind.Decimal;

    public bool Equals(SparkType? other) =>
        other is not null && other.Kind == Kind && Equals(other.Element, Element);

    public override bool Equals(object? obj) => obj is SparkType t && Equals(t);

    public override int GetHashCode() => HashCode.Combine(Kind, Element);

    public static bool operator ==(SparkType? a, SparkType? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(SparkType? a, SparkType? b) => !(a == b);

    /// <summary>Spark's simpleString: "double", "array&lt;string&gt;", "vector".</summary>
    public override string ToString() => Kind switch
    {
        SparkTypeKind.Array => $"array<{Element}>",
        SparkTypeKind.Short => "smallint",
        SparkTypeKind.Byte => "tinyint",
        SparkTypeKind.Long => "bigint",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses Spark's simple type names (and "vector"); null when unknown.</summary>
    public static SparkType? Parse(string name)
    {
        var n = name.Trim().ToLowerInvariant();
        if (n.StartsWith("array<", StringComparison.Ordinal) && n.EndsWith('>'))
            return Parse(n[6..^1]) is { } element ? ArrayOf(element) : null;
        return n switch
        {
            "boolean" => Boolean,
            "tinyint" or "byte" => Byte,
            "smallint" or "short" => Short,
            "int" or "integer" => Int,
            "bigint" or "long" => Long,
            "float" => Float,
            "double" => Double,
            "string" => String,
            "binary" => Binary,
            "date" => Date,
            "timestamp" => Timestamp,
            "vector" => Vector,
            _ when n.StartsWith("decimal", StringComparison.Ordinal) => Decimal,
            _ => null,
        };
    }
}
