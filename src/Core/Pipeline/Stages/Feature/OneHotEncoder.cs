namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.OneHotEncoder as saved by Spark 2.x, where it was a params-only
/// transformer (3.0 made the name an estimator). The number of categories comes from the input's
/// nominal/binary attribute; Spark scans the data when there is none, which a scorer cannot, so
/// that is a compile error. x = CAST(input AS DOUBLE): x &lt; size → sparse vector with 1.0 at
/// (int) x (a negative index fails the row, as Spark's vector constructor would), else (NaN,
/// too large) the all-zero sparse vector; null → null. Follows Spark 2.4's OneHotEncoder.scala.
/// </summary>
public sealed class OneHotEncoder(StageInfo info, string inputCol, string outputCol, bool dropLast) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public bool DropLast { get; } = dropLast;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("dropLast", DropLast ? "true" : "false"),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.Numeric, SparkType.Double);
        var names = OneHotNames.FromAttribute(builder, input, DropLast, keep: false)
            ?? throw builder.Error(input.Name,
                "has no nominal attribute, so the number of categories is unknown: Spark 2.x scanned the data for the largest index, which a scorer cannot. " +
                "Index the column with a StringIndexer earlier in the pipeline (its labels give the size), or refit with OneHotEncoderEstimator, which saves the sizes.");
        var output = builder.AddColumn(OutputCol, SparkType.Vector, vector: OneHotNames.Attributes(names), nullable: true);
        var column = new OneHotKernel.EncodedColumn(input.Name, builder.AsDouble(input), output.Slot, names.Count, names.Count);
        builder.AddKernel(new OneHotKernel([column], keepInvalid: false, legacy: true), [column.InputSlot], [output.Slot]);
    }
}
