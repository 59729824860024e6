namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.StringIndexerModel: maps each input column's value, cast to string
/// the Java way, to its position in the fitted labels (as a double). One or (3.0+) several
/// columns. handleInvalid: error (null or unseen fails), skip (rows with a null, a NaN in a
/// float/double input, or an unseen label in any input are dropped — Spark's na.drop plus a label
/// filter), keep (null and unseen → numLabels). Output: nominal attribute whose values are the
/// labels (+ "__unknown" with keep). Follows Spark's StringIndexer.scala (StringIndexerModel).
/// </summary>
/// <remarks>
/// The raw input type is derived from the labels, since Spark fitted on the cast strings: labels
/// that are all Long.toString forms ("1", "-3") suggest an integral column (Long: every integral
/// type prints the same); labels that are all Double.toString forms ("1.0", "2.5E-4") a double
/// column; anything else a string column. A user schema overrides this (e.g. integers kept as
/// strings, like "cylinders" in the Auto data set).
/// </remarks>
public sealed class StringIndexerModel(StageInfo info, IReadOnlyList<string> inputCols, IReadOnlyList<string> outputCols,
    IReadOnlyList<string[]> labelsArray, string handleInvalid) : StageDefinition(info)
{
    public const string UnknownLabel = "__unknown";

    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    public IReadOnlyList<string[]> LabelsArray { get; } = labelsArray;

    public string HandleInvalid { get; } = handleInvalid;

    public override long EstimatedBytes => 256 + LabelsArray.Sum(l => l.Sum(s => 48L + 2L * s.Length));

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("handleInvalid", HandleInvalid),
        new("numLabels", string.Join(",", LabelsArray.Select(l => l.Length))),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var mode = InvalidHandlingParser.Parse(builder, HandleInvalid, InvalidHandling.Error, InvalidHandling.Skip, InvalidHandling.Keep);
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count || InputCols.Count != LabelsArray.Count)
            throw builder.Error(null, $"has {InputCols.Count} input columns, {OutputCols.Count} output columns and {LabelsArray.Count} label arrays; they must be equal and non-zero.");
        var columns = new StringIndexerKernel.IndexedColumn[InputCols.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            var labels = LabelsArray[i];
            var input = builder.Read(InputCols[i], TypeSet.String | TypeSet.Numeric, PreferredInputType(labels));
            if (input.Type == SparkType.Decimal)
                throw builder.Error(input.Name, "is a decimal; Spark casts decimals to strings with their scale, which Ember cannot know. Declare the column as double or string.");
            var values = mode == InvalidHandling.Keep ? [.. labels, UnknownLabel] : labels;
            var attribute = new MlAttribute(AttributeKind.Nominal, OutputCols[i], values.Length, values);
            var output = builder.AddColumn(OutputCols[i], SparkType.Double, attribute);
            columns[i] = new StringIndexerKernel.IndexedColumn(input.Name, input.Slot, output.Slot, LabelLookup.Create(labels, input.Type));
        }
        builder.AddKernel(new StringIndexerKernel(columns, mode),
            columns.Select(c => c.InputSlot).ToArray(), columns.Select(c => c.OutputSlot).ToArray(),
            dropsRows: mode == InvalidHandling.Skip);
    }

    /// <summary>The type a raw input most likely had when Spark fitted these labels (see remarks).</summary>
    public static SparkType PreferredInputType(IReadOnlyList<string> labels)
    {
        if (labels.Count == 0)
            return SparkType.String;
        bool allLong = true, allDouble = true;
        foreach (var label in labels)
        {
            allLong &= JavaNumberFormat.TryParseJavaLong(label, out _);
            // NaN never becomes a label (fit drops NaN), so a "NaN" label means a string column.
            allDouble &= label != "NaN" && JavaNumberFormat.TryParseJavaDouble(label, out _);
            if (!allLong && !allDouble)
                return SparkType.String;
        }
        return allLong ? SparkType.Long : SparkType.Double;
    }
}
