namespace Ember.Parquet;

/// <summary>
/// A field of a Parquet schema as a reader sees it: LIST and MAP annotations (and their legacy
/// forms) are resolved into <see cref="ParquetFieldKind.List"/> and <see cref="ParquetFieldKind.Map"/>.
/// A repeated field without annotation is a List whose <see cref="Repetition"/> is Repeated.
/// Build fields for writing with the static factories.
/// </summary>
public sealed class ParquetField
{
    internal ParquetField(string name, ParquetFieldKind kind, ParquetRepetition repetition)
    {
        Name = name;
        Kind = kind;
        Repetition = repetition;
    }

    public string Name { get; }
    public ParquetFieldKind Kind { get; }
    public ParquetRepetition Repetition { get; internal set; }
    public bool IsNullable => Repetition == ParquetRepetition.Optional;

    /// <summary>Physical type of a primitive field, null for groups.</summary>
    public ParquetPhysicalType? PhysicalType { get; internal init; }

    /// <summary>Byte width of FIXED_LEN_BYTE_ARRAY.</summary>
    public int TypeLength { get; internal init; }

    public ParquetLogicalType LogicalType { get; internal init; } = ParquetLogicalType.None;
    public ParquetConvertedType? ConvertedType { get; internal init; }

    /// <summary>Decimal scale and precision, from the logical or the converted type.</summary>
    public int Scale { get; internal init; }
    public int Precision { get; internal init; }

    public IReadOnlyList<ParquetField> Children { get; internal init; } = [];
    public ParquetField? Element { get; internal init; }
    public ParquetField? Key { get; internal init; }
    public ParquetField? Value { get; internal init; }

    /// <summary>Dotted path of the physical node this field stands for (e.g. "a.list.element").</summary>
    public string Path => Node?.DottedPath ?? Name;

    /// <summary>The physical node; for lists and maps, the annotated group.</summary>
    internal SchemaNode Node { get; set; } = null!;

    /// <summary>For lists and maps: the repeated node whose occurrences are the entries.</summary>
    internal SchemaNode? RepeatedNode { get; set; }

    public override string ToString() => ParquetSchemaPrinter.Describe(this);

    // ---- factories for writing ----

    public static ParquetField Primitive(string name, ParquetPhysicalType type, bool nullable = true,
        ParquetLogicalType? logicalType = null, int typeLength = 0)
    {
        var lt = logicalType ?? ParquetLogicalType.None;
        return new ParquetField(name, ParquetFieldKind.Primitive, nullable ? ParquetRepetition.Optional : ParquetRepetition.Required)
        {
            PhysicalType = type,
            TypeLength = type == ParquetPhysicalType.FixedLenByteArray ? typeLength : 0,
            LogicalType = lt,
            ConvertedType = ConvertedTypeMapping.FromLogical(lt),
            Scale = lt.Scale,
            Precision = lt.Precision,
        };
    }

    public static ParquetField String(string name, bool nullable = true)
        => Primitive(name, ParquetPhysicalType.ByteArray, nullable, new ParquetLogicalType(ParquetLogicalTypeKind.String));

    public static ParquetField Double(string name, bool nullable = true) => Primitive(name, ParquetPhysicalType.Double, nullable);

    public static ParquetField Float(string name, bool nullable = true) => Primitive(name, ParquetPhysicalType.Float, nullable);

    public static ParquetField Int32(string name, bool nullable = true) => Primitive(name, ParquetPhysicalType.Int32, nullable);

    public static ParquetField Int64(string name, bool nullable = true) => Primitive(name, ParquetPhysicalType.Int64, nullable);

    public static ParquetField Boolean(string name, bool nullable = true) => Primitive(name, ParquetPhysicalType.Boolean, nullable);

    /// <summary>INT32 annotated INT(8, signed): Spark's ByteType (the "type" field of a vector).</summary>
    public static ParquetField Int8(string name, bool nullable = true)
        => Primitive(name, ParquetPhysicalType.Int32, nullable, new ParquetLogicalType(ParquetLogicalTypeKind.Integer) { BitWidth = 8, IsSigned = true });

    public static ParquetField Struct(string name, bool nullable, params ParquetField[] children)
        => new(name, ParquetFieldKind.Struct, nullable ? ParquetRepetition.Optional : ParquetRepetition.Required) { Children = children };

    /// <summary>A LIST in the 3-level form Spark writes: group (LIST) { repeated group list { element } }.</summary>
    public static ParquetField List(string name, ParquetField element, bool nullable = true)
        => new(name, ParquetFieldKind.List, nullable ? ParquetRepetition.Optional : ParquetRepetition.Required)
        {
            Element = element,
            LogicalType = new ParquetLogicalType(ParquetLogicalTypeKind.List),
            ConvertedType = ParquetConvertedType.List,
        };

    /// <summary>A MAP as Spark writes it: group (MAP) { repeated group key_value { required key; value } }.</summary>
    public static ParquetField Map(string name, ParquetField key, ParquetField value, bool nullable = true)
    {
        if (key.IsNullable)
            throw new ArgumentException($"map '{name}': keys must not be nullable", nameof(key));
        return new(name, ParquetFieldKind.Map, nullable ? ParquetRepetition.Optional : ParquetRepetition.Required)
        {
            Key = key,
            Value = value,
            LogicalType = new ParquetLogicalType(ParquetLogicalTypeKind.Map),
            ConvertedType = ParquetConvertedType.Map,
        };
    }
}
