namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.Bucketizer (params only; also what QuantileDiscretizer saves):
/// maps CAST(x AS DOUBLE) to its bucket [s_i, s_i+1) (the last bucket is closed) by Java's binary
/// search (Double.compare order: -0.0 sorts below 0.0). One column (splits) or, 2.3+, several
/// (splitsArray). NaN: keep → an extra bucket numSplits − 1, error → row fails, skip → row dropped.
/// Out of range always fails, even with keep. null → null, except skip drops it. Skip drops rows
/// with null/NaN in the input columns (2.3+) or, before 2.3, in any column (Spark's na.drop()).
/// Output: ordinal nominal attribute with one "lo, hi" value per bucket.
/// Follows Spark's Bucketizer.scala (transform, binarySearchForBuckets).
/// </summary>
public sealed class Bucketizer(StageInfo info, IReadOnlyList<string> inputCols, IReadOnlyList<string> outputCols,
    IReadOnlyList<double[]> splitsArray, string handleInvalid) : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    public IReadOnlyList<double[]> SplitsArray { get; } = splitsArray;

    public string HandleInvalid { get; } = handleInvalid;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("splitsArray", string.Join(" | ", SplitsArray.Select(s => string.Join(", ", s.Select(JavaNumberFormat.FormatDouble))))),
        new("handleInvalid", HandleInvalid),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var mode = InvalidHandlingParser.Parse(builder, HandleInvalid, InvalidHandling.Error, InvalidHandling.Skip, InvalidHandling.Keep);
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count || InputCols.Count != SplitsArray.Count)
            throw builder.Error(null, $"has {InputCols.Count} input columns, {OutputCols.Count} output columns and {SplitsArray.Count} split arrays; they must be equal and non-zero.");
        // Before 2.3 skip was dataset.na.drop(): nulls/NaNs in every column present at this point count.
        var dropSlots = new List<(string Name, int Slot)>();
        if (mode == InvalidHandling.Skip && Info.Version.Before(2, 3))
            dropSlots.AddRange(builder.Schema.Select(c => (c.Name, c.Slot)));
        var columns = new BucketizerKernel.BucketedColumn[InputCols.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            var splits = SplitsArray[i];
            ValidateSplits(builder, InputCols[i], splits);
            var input = builder.Read(InputCols[i], TypeSet.Numeric, SparkType.Double);
            int source = builder.AsDouble(input);
            var buckets = new string[splits.Length - 1];
            for (int b = 0; b < buckets.Length; b++)
                buckets[b] = JavaNumberFormat.FormatDouble(splits[b]) + ", " + JavaNumberFormat.FormatDouble(splits[b + 1]);
            var attribute = new MlAttribute(AttributeKind.Nominal, OutputCols[i], buckets.Length, buckets, IsOrdinal: true);
            var output = builder.AddColumn(OutputCols[i], SparkType.Double, attribute, nullable: true);
            columns[i] = new BucketizerKernel.BucketedColumn(input.Name, source, output.Slot, splits);
            if (mode == InvalidHandling.Skip)
                dropSlots.Add((input.Name, source));
        }
        var kernel = new BucketizerKernel(columns, mode, dropSlots.ToArray());
        builder.AddKernel(kernel, columns.Select(c => c.InputSlot).Concat(dropSlots.Select(d => d.Slot)).Distinct().ToArray(),
            columns.Select(c => c.OutputSlot).ToArray(), dropsRows: mode == InvalidHandling.Skip);
    }

    /// <summary>Spark's splits validator: at least 3 values, strictly increasing, no NaN.</summary>
    private static void ValidateSplits(PipelineBuilder builder, string column, double[] splits)
    {
        if (splits.Length < 3)
            throw builder.Error(column, $"has {splits.Length} splits; Bucketizer needs at least 3.");
        for (int i = 0; i < splits.Length; i++)
        {
            if (double.IsNaN(splits[i]) || (i > 0 && !(splits[i] > splits[i - 1])))
                throw builder.Error(column, "splits must be strictly increasing and not NaN.");
        }
    }
}
