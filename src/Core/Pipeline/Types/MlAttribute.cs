namespace Ember.Pipeline;

/// <summary>Kinds of Spark ML attributes (org.apache.spark.ml.attribute).</summary>
public enum AttributeKind
{
    /// <summary>No attribute information (Spark's UnresolvedAttribute).</summary>
    Unresolved,
    Numeric,
    Nominal,
    Binary,
}

/// <summary>
/// The ML attribute Spark attaches to a scalar column or to one slot of a vector column
/// (StructField metadata "ml_attr"). Only compile-time information: it never changes per row,
/// and some stages (Interaction, IndexToString, VectorSlicer by name, OneHotEncoder 2.x) read it.
/// </summary>
/// <param name="Kind">Numeric, nominal, binary or unresolved.</param>
/// <param name="Name">Attribute name (vector slots are named like "col_value").</param>
/// <param name="NumValues">Nominal cardinality when known.</param>
/// <param name="Values">Nominal/binary value names when known.</param>
/// <param name="IsOrdinal">Nominal attribute flagged as ordinal (Bucketizer output).</param>
public sealed record MlAttribute(
    AttributeKind Kind,
    string? Name = null,
    int? NumValues = null,
    IReadOnlyList<string>? Values = null,
    bool IsOrdinal = false)
{
    public static readonly MlAttribute Unresolved = new(AttributeKind.Unresolved);
    public static readonly MlAttribute Numeric = new(AttributeKind.Numeric);

    /// <summary>Number of values of a nominal or binary attribute, when known.</summary>
    public int? Cardinality => Kind switch
    {
        AttributeKind.Nominal => NumValues ?? Values?.Count,
        AttributeKind.Binary => 2,
        _ => null,
    };

    public MlAttribute WithName(string? name) => this with { Name = name };
}

/// <summary>
/// The attribute group of a vector column: its size (when known) and, when known, one attribute
/// per slot.
/// </summary>
/// <param name="Size">Vector length, or -1 when unknown at compile time.</param>
/// <param name="Attributes">Per-slot attributes (length == Size), or null when unknown.</param>
public sealed record VectorAttributes(int Size, IReadOnlyList<MlAttribute>? Attributes = null)
{
    public static readonly VectorAttributes Unknown = new(-1);

    public bool HasSize => Size >= 0;

    public static VectorAttributes OfSize(int size) => new(size);

    public static VectorAttributes Numeric(int size, string? prefix = null)
    {
        var attrs = new MlAttribute[size];
        for (int i = 0; i < size; i++)
            attrs[i] = prefix is null ? MlAttribute.Numeric : new MlAttribute(AttributeKind.Numeric, $"{prefix}_{i}");
        return new VectorAttributes(size, attrs);
    }
}
