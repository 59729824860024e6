namespace Ember.Pipeline.Sql;

/// <summary>The Spark SQL types the SQLTransformer subset computes with.</summary>
internal enum SqlKind : byte
{
    Null,
    Boolean,
    Byte,
    Short,
    Int,
    Long,
    Float,
    Double,
    Decimal,
    String,
    StringArray,
    /// <summary>Days since 1970-01-01.</summary>
    Date,
    /// <summary>Microseconds since 1970-01-01T00:00:00Z.</summary>
    Timestamp,
}

/// <summary>
/// A Spark SQL data type inside an expression plan; decimals carry precision and scale because
/// Spark's result types (and so rounding and overflow) depend on them (DecimalPrecision rules).
/// </summary>
internal readonly record struct SqlType(SqlKind Kind, int Precision = 0, int Scale = 0)
{
    public const int MaxPrecision = 38;

    public static readonly SqlType Null = new(SqlKind.Null);
    public static readonly SqlType Boolean = new(SqlKind.Boolean);
    public static readonly SqlType Byte = new(SqlKind.Byte);
    public static readonly SqlType Short = new(SqlKind.Short);
    public static readonly SqlType Int = new(SqlKind.Int);
    public static readonly SqlType Long = new(SqlKind.Long);
    public static readonly SqlType Float = new(SqlKind.Float);
    public static readonly SqlType Double = new(SqlKind.Double);
    public static readonly SqlType String = new(SqlKind.String);
    public static readonly SqlType StringArray = new(SqlKind.StringArray);
    public static readonly SqlType Date = new(SqlKind.Date);
    public static readonly SqlType Timestamp = new(SqlKind.Timestamp);

    public static SqlType Decimal(int precision, int scale) => new(SqlKind.Decimal, precision, scale);

    public bool IsIntegral => Kind is SqlKind.Byte or SqlKind.Short or SqlKind.Int or SqlKind.Long;

    public bool IsNumeric => IsIntegral || Kind is SqlKind.Float or SqlKind.Double or SqlKind.Decimal;

    public bool IsFloating => Kind is SqlKind.Float or SqlKind.Double;

    public bool IsTemporal => Kind is SqlKind.Date or SqlKind.Timestamp;

    /// <summary>Where values live in a <see cref="Vec"/>.</summary>
    public VecStorage Storage => Kind switch
    {
        SqlKind.Boolean => VecStorage.Bool,
        SqlKind.Byte or SqlKind.Short or SqlKind.Int or SqlKind.Long or SqlKind.Date or SqlKind.Timestamp => VecStorage.Long,
        SqlKind.Float or SqlKind.Double => VecStorage.Double,
        SqlKind.Decimal => VecStorage.Decimal,
        SqlKind.String => VecStorage.String,
        SqlKind.StringArray => VecStorage.StringArray,
        _ => VecStorage.None,
    };

    /// <summary>DecimalType.forType: the decimal an integral type widens to.</summary>
    public SqlType AsDecimal() => Kind switch
    {
        SqlKind.Byte => Decimal(3, 0),
        SqlKind.Short => Decimal(5, 0),
        SqlKind.Int => Decimal(10, 0),
        SqlKind.Long => Decimal(20, 0),
        SqlKind.Decimal => this,
        _ => throw new InvalidOperationException($"{this} has no decimal form"),
    };

    /// <summary>DecimalType.bounded.</summary>
    public static SqlType BoundedDecimal(int precision, int scale) =>
        Decimal(Math.Min(precision, MaxPrecision), Math.Min(scale, MaxPrecision));

    /// <summary>
    /// DecimalType.adjustPrecisionScale (spark.sql.decimalOperations.allowPrecisionLoss = true, the
    /// default): past 38 digits the scale gives way, keeping at least 6 fractional digits.
    /// </summary>
    public static SqlType AdjustedDecimal(int precision, int scale)
    {
        if (precision <= MaxPrecision)
            return Decimal(precision, scale);
        if (scale < 0)
            return Decimal(MaxPrecision, scale);
        int intDigits = precision - scale;
        int minScale = Math.Min(scale, 6);
        return Decimal(MaxPrecision, Math.Max(MaxPrecision - intDigits, minScale));
    }

    /// <summary>The column type a frame stores this as.</summary>
    public SparkType ToSparkType() => Kind switch
    {
        SqlKind.Boolean => SparkType.Boolean,
        SqlKind.Byte => SparkType.Byte,
        SqlKind.Short => SparkType.Short,
        SqlKind.Int => SparkType.Int,
        SqlKind.Long => SparkType.Long,
        SqlKind.Float => SparkType.Float,
        SqlKind.Double => SparkType.Double,
        SqlKind.Decimal => SparkType.Decimal,
        SqlKind.String => SparkType.String,
        SqlKind.StringArray => SparkType.StringArray,
        SqlKind.Date => SparkType.Date,
        SqlKind.Timestamp => SparkType.Timestamp,
        // A bare NULL column: Spark's type is void; a nullable string holds it.
        _ => SparkType.String,
    };

    /// <summary>The SQL type of a frame column; null for types the subset does not compute with.</summary>
    public static SqlType? FromSparkType(SparkType type) => type.Kind switch
    {
        SparkTypeKind.Boolean => Boolean,
        SparkTypeKind.Byte => Byte,
        SparkTypeKind.Short => Short,
        SparkTypeKind.Int => Int,
        SparkTypeKind.Long => Long,
        SparkTypeKind.Float => Float,
        SparkTypeKind.Double => Double,
        // Frames hold decimals as doubles already; the expression sees that double.
        SparkTypeKind.Decimal => Double,
        SparkTypeKind.String => String,
        SparkTypeKind.Array when type.Element == SparkType.String => StringArray,
        SparkTypeKind.Date => Date,
        SparkTypeKind.Timestamp => Timestamp,
        _ => null,
    };

    /// <summary>Spark's DataType.sql, as CAST names appear in generated column names.</summary>
    public string Sql => Kind switch
    {
        SqlKind.Null => "VOID",
        SqlKind.Byte => "TINYINT",
        SqlKind.Short => "SMALLINT",
        SqlKind.Long => "BIGINT",
        SqlKind.Decimal => $"DECIMAL({Precision},{Scale})",
        SqlKind.StringArray => "ARRAY<STRING>",
        _ => Kind.ToString().ToUpperInvariant(),
    };

    public override string ToString() => Sql.ToLowerInvariant();
}

internal enum VecStorage : byte { None, Bool, Long, Double, Decimal, String, StringArray }
