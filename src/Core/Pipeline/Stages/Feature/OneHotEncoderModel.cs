using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.OneHotEncoderModel — fitted by OneHotEncoder (3.0+) or by
/// OneHotEncoderEstimator (2.3–2.4; same class name and data). Per column, x = CAST(input AS
/// DOUBLE): 0 ≤ x &lt; categorySize → index x; else keep → categorySize, error → row fails
/// ("Negative value" / "Unseen value"; NaN is unseen). Output is always a sparse vector of the
/// configured size (size + 1 with keep and !dropLast, size − 1 with dropLast and !keep) with 1.0 at
/// (int) index when that index is inside it; null → null. Output attributes: one binary attribute
/// per slot named after the input's nominal values (else "0".."n-1", + "invalidValues").
/// Follows Spark's OneHotEncoder.scala (OneHotEncoderModel, OneHotEncoderCommon).
/// </summary>
public sealed class OneHotEncoderModel(StageInfo info, IReadOnlyList<string> inputCols, IReadOnlyList<string> outputCols,
    IReadOnlyList<int> categorySizes, bool dropLast, string handleInvalid) : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    public IReadOnlyList<int> CategorySizes { get; } = categorySizes;

    public bool DropLast { get; } = dropLast;

    public string HandleInvalid { get; } = handleInvalid;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("categorySizes", string.Join(",", CategorySizes)),
        new("dropLast", DropLast ? "true" : "false"),
        new("handleInvalid", HandleInvalid),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var mode = InvalidHandlingParser.Parse(builder, HandleInvalid, InvalidHandling.Error, InvalidHandling.Keep);
        bool keep = mode == InvalidHandling.Keep;
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count || InputCols.Count != CategorySizes.Count)
            throw builder.Error(null, $"has {InputCols.Count} input columns, {OutputCols.Count} output columns and {CategorySizes.Count} category sizes; they must be equal and non-zero.");
        var columns = new OneHotKernel.EncodedColumn[InputCols.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            int categories = CategorySizes[i];
            if (categories < 0)
                throw builder.Error(InputCols[i], $"has a negative category size {categories} in the saved data.");
            int size = !DropLast && keep ? categories + 1 : DropLast && !keep ? categories - 1 : categories;
            var input = builder.Read(InputCols[i], TypeSet.Numeric, SparkType.Double);
            var names = OneHotNames.FromAttribute(builder, input, DropLast, keep)
                ?? OneHotNames.Numbered(categories, DropLast, keep);
            if (names.Count != size)
                throw builder.Error(input.Name, $"carries metadata for {names.Count} categories, but this OneHotEncoderModel expects {size} (Spark refuses the mismatch).");
            var output = builder.AddColumn(OutputCols[i], SparkType.Vector, vector: OneHotNames.Attributes(names), nullable: true);
            columns[i] = new OneHotKernel.EncodedColumn(input.Name, builder.AsDouble(input), output.Slot, categories, size);
        }
        builder.AddKernel(new OneHotKernel(columns, keep, legacy: false),
            columns.Select(c => c.InputSlot).ToArray(), columns.Select(c => c.OutputSlot).ToArray());
    }
}

/// <summary>Output attribute names of the one-hot encoders (OneHotEncoderCommon).</summary>
internal static class OneHotNames
{
    /// <summary>Names from the input's nominal/binary attribute, filtered for dropLast/keep; null when it has none.</summary>
    public static IReadOnlyList<string>? FromAttribute(PipelineBuilder builder, ColumnInfo input, bool dropLast, bool keep)
    {
        IReadOnlyList<string>? names = input.Attribute switch
        {
            { Kind: AttributeKind.Nominal, Values: { } v } => v,
            { Kind: AttributeKind.Nominal, NumValues: { } n } => Enumerable.Range(0, n).Select(Number).ToArray(),
            { Kind: AttributeKind.Binary, Values: { } v } => v,
            { Kind: AttributeKind.Binary } => ["0", "1"],
            { Kind: AttributeKind.Numeric } => throw builder.Error(input.Name, "is a continuous (numeric) attribute; Spark's one-hot encoder refuses it."),
            _ => null,
        };
        return names is null ? null : Filter(builder, input.Name, names, dropLast, keep);
    }

    public static IReadOnlyList<string> Numbered(int count, bool dropLast, bool keep) =>
        Filter(null, "", Enumerable.Range(0, count).Select(Number).ToArray(), dropLast, keep);

    public static VectorAttributes Attributes(IReadOnlyList<string> names) =>
        new(names.Count, names.Select(n => new MlAttribute(AttributeKind.Binary, n)).ToArray());

    private static IReadOnlyList<string> Filter(PipelineBuilder? builder, string column, IReadOnlyList<string> names, bool dropLast, bool keep)
    {
        if (dropLast && !keep)
        {
            if (builder is not null && names.Count <= 1)
                throw builder.Error(column, "should have at least two distinct values to drop the last one (dropLast = true).");
            return names.Take(Math.Max(0, names.Count - 1)).ToArray();
        }
        return !dropLast && keep ? [.. names, "invalidValues"] : names;
    }

    private static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);
}
