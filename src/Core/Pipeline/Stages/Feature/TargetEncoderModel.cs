namespace Ember.Pipeline;

/// <summary>
/// The saved statistics of one input column of a TargetEncoderModel: per category index its
/// (count, stat), plus Spark's two reserved keys: <see cref="TargetEncoderModel.UnseenCategory"/>
/// (Int.MaxValue, the global statistics) and <see cref="TargetEncoderModel.NullCategory"/> (-1, rows
/// whose value was null at fit time).
/// </summary>
public sealed record TargetEncoderColumnStats(IReadOnlyList<double> Categories, IReadOnlyList<double> Counts, IReadOnlyList<double> Stats);

/// <summary>
/// org.apache.spark.ml.feature.TargetEncoderModel (Spark 4.0+). Follows TargetEncoder.scala
/// (TargetEncoderModel.transform): encodings are computed from the saved (count, stat) per
/// category with the model's smoothing: weight = count / (count + smoothing);
/// binary: weight·(stat/count) + (1 − weight)·(globalStat/globalCount);
/// continuous: weight·stat + (1 − weight)·globalStat. Per row, v = CAST(x AS DOUBLE):
/// null → the null category's encoding if fit saw nulls, else as unseen; a known category → its
/// encoding; anything else (unseen, non-integral, negative, NaN) → the global encoding with
/// handleInvalid = keep, an error with "error". Output is a non-null double.
/// Not reproduced: the NominalAttribute Spark attaches to the output (its values come from a
/// Scala hash set, in no specified order).
/// </summary>
public sealed class TargetEncoderModel(StageInfo info, IReadOnlyList<string> inputCols, IReadOnlyList<string> outputCols,
    IReadOnlyList<TargetEncoderColumnStats> stats, string handleInvalid, string targetType, double smoothing) : StageDefinition(info)
{
    /// <summary>Spark's UNSEEN_CATEGORY key: the global statistics.</summary>
    public const double UnseenCategory = int.MaxValue;

    /// <summary>Spark's NULL_CATEGORY key: statistics of null values seen at fit time.</summary>
    public const double NullCategory = -1;

    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    public IReadOnlyList<TargetEncoderColumnStats> Stats { get; } = stats;

    public string HandleInvalid { get; } = handleInvalid;

    public string TargetType { get; } = targetType;

    public double Smoothing { get; } = smoothing;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("handleInvalid", HandleInvalid),
        new("targetType", TargetType),
        new("smoothing", JavaNumberFormat.FormatDouble(Smoothing)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count)
            throw builder.Error(null, $"has {InputCols.Count} input columns and {OutputCols.Count} output columns; they must be equal and non-zero.");
        if (Stats.Count != OutputCols.Count)
            throw builder.Error(null, $"The number of features does not match the number of encodings in the model ({Stats.Count}). Found {OutputCols.Count} features.");
        if (HandleInvalid is not ("keep" or "error"))
            throw builder.Error(null, $"handleInvalid '{HandleInvalid}' is not one of keep, error.");
        if (TargetType is not ("binary" or "continuous"))
            throw builder.Error(null, $"targetType '{TargetType}' is not one of binary, continuous.");
        for (int i = 0; i < InputCols.Count; i++)
        {
            var input = builder.Read(InputCols[i], TypeSet.Numeric, SparkType.Double);
            var encodings = Encode(Stats[i], builder, input.Name);
            var output = builder.AddColumn(OutputCols[i], SparkType.Double, nullable: false);
            builder.AddKernel(new TargetEncoderKernel(input, output.Slot, encodings, HandleInvalid == "keep"), [input.Slot], [output.Slot]);
        }
    }

    private TargetEncoderKernel.Encodings Encode(TargetEncoderColumnStats s, PipelineBuilder builder, string column)
    {
        int global = IndexOf(s.Categories, UnseenCategory);
        if (global < 0)
            throw builder.Error(column, "the model holds no global statistics (category Int.MaxValue) for this column.");
        double globalCount = s.Counts[global], globalStat = s.Stats[global];
        var map = new Dictionary<double, double>(s.Categories.Count);
        double? nullEncoding = null;
        double unseen = 0;
        for (int k = 0; k < s.Categories.Count; k++)
        {
            double count = s.Counts[k], stat = s.Stats[k];
            double weight = count / (count + Smoothing);
            double encoding = TargetType == "binary"
                ? weight * (stat / count) + (1 - weight) * (globalStat / globalCount)
                : weight * stat + (1 - weight) * globalStat;
            double category = s.Categories[k];
            if (category == UnseenCategory)
                unseen = encoding;
            else if (category == NullCategory)
                nullEncoding = encoding;
            else
                map[category] = encoding;
        }
        return new TargetEncoderKernel.Encodings(map, nullEncoding, unseen);
    }

    private static int IndexOf(IReadOnlyList<double> values, double value)
    {
        for (int i = 0; i < values.Count; i++)
            if (values[i] == value)
                return i;
        return -1;
    }
}
