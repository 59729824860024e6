using System.Globalization;

namespace Ember.Pipeline;

/// <summary>
/// MLeap's MultinomialLabeler (mleap-core feature/MultinomialLabelerModel.scala; Spark side
/// org.apache.spark.ml.mleap.feature.MultinomialLabeler): every entry i of the (densified)
/// features vector with value ≥ threshold, in index order (not sorted by value), gives
/// probabilities += value and labels += labels[i]. A tie with the threshold is kept; NaN never
/// passes; implicit zeros of a sparse vector pass when threshold ≤ 0. An index with no label
/// fails the row (MLeap's reverse indexer throws), as does a null vector.
/// </summary>
public sealed class MultinomialLabelerModel(StageInfo info, string featuresCol, string probabilitiesCol, string labelsCol,
    double threshold, IReadOnlyList<string> labels) : StageDefinition(info)
{
    public string FeaturesCol { get; } = featuresCol;

    public string ProbabilitiesCol { get; } = probabilitiesCol;

    public string LabelsCol { get; } = labelsCol;

    public double Threshold { get; } = threshold;

    public IReadOnlyList<string> Labels { get; } = labels;

    public override long EstimatedBytes => 64 + Labels.Sum(l => 32L + 2 * l.Length);

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("featuresCol", FeaturesCol),
        new("probabilitiesCol", ProbabilitiesCol),
        new("labelsCol", LabelsCol),
        new("threshold", JavaNumberFormat.FormatDouble(Threshold)),
        new("labels", Labels.Count.ToString(CultureInfo.InvariantCulture) + " labels"),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var features = builder.Read(FeaturesCol, TypeSet.Vector, SparkType.Vector);
        var probabilities = builder.AddColumn(ProbabilitiesCol, SparkType.DoubleArray);
        var labels = builder.AddColumn(LabelsCol, SparkType.StringArray);
        builder.AddKernel(new LabelerKernel(features.Name, features.Slot, probabilities.Slot, labels.Slot, Threshold, Labels.ToArray()),
            [features.Slot], [probabilities.Slot, labels.Slot]);
    }

    private sealed class LabelerKernel(string featuresName, int input, int probabilitiesSlot, int labelsSlot, double threshold, string[] labels)
        : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Column<VectorColumn>(input);
            var probabilities = frame.Column<DoubleArrayColumn>(probabilitiesSlot);
            var names = frame.Column<StringArrayColumn>(labelsSlot);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (source.IsNull(r))
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, featuresName, Stage, "features vector is null.", "null"));
                    continue;
                }
                var v = source.Get(r);
                int count = 0, last = -1;
                for (int i = 0, k = 0; i < v.Size; i++)
                {
                    // NaN >= t is false: NaN entries never pass.
                    if (At(v, i, ref k) >= threshold)
                    {
                        count++;
                        last = i;
                    }
                }
                if (last >= labels.Length)
                {
                    frame.Fail(r, new ScoreError(ErrorCode.OutOfRange, featuresName, Stage,
                        $"entry {last} passes the threshold but the model has only {labels.Length} labels.",
                        JavaNumberFormat.FormatDouble(v[last])));
                    continue;
                }
                var p = new double[count];
                var l = new string?[count];
                for (int i = 0, k = 0, n = 0; n < count; i++)
                {
                    double x = At(v, i, ref k);
                    if (x >= threshold)
                    {
                        p[n] = x;
                        l[n++] = labels[i];
                    }
                }
                probabilities.Set(r, p);
                names.Set(r, l);
            }
        }

        /// <summary>Element i of a vector walked in index order; <paramref name="k"/> is the cursor into a sparse vector's entries.</summary>
        private static double At(in VectorView v, int i, ref int k)
        {
            if (v.IsDense)
                return v.Values[i];
            if (k < v.StoredCount && v.Indices[k] == i)
                return v.Values[k++];
            return 0.0;
        }
    }
}
