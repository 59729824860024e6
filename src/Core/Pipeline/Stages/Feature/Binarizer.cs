namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.Binarizer (params only): 1.0 above the threshold, else 0.0. One
/// column (threshold) or, 3.0+, several (inputCols/outputCols with thresholds, or one threshold
/// for all). Double input: 3.0+ is the SQL expression <c>when(!isnan(x) AND x > t, 1.0)
/// .otherwise(0.0)</c>, so null → 0.0 (isnan(null) is false, null > t is null, the when falls to
/// otherwise); 2.x is a UDF on a primitive, so null → null. Vector input: 3.0+ with t ≥ 0 emits
/// 1.0 for non-zero entries above t, with t &lt; 0 starts from all ones and zeroes non-zero entries
/// ≤ t (implicit zeros become 1.0); 2.x looks at the stored entries only (explicit zeros count)
/// and emits 1.0 above t. Vector outputs are compressed; a null vector fails the row.
/// Follows Spark's Binarizer.scala.
/// </summary>
public sealed class Binarizer(StageInfo info, IReadOnlyList<string> inputCols, IReadOnlyList<string> outputCols,
    IReadOnlyList<double> thresholds) : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    public IReadOnlyList<double> Thresholds { get; } = thresholds;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("thresholds", string.Join(",", Thresholds.Select(JavaNumberFormat.FormatDouble))),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count || InputCols.Count != Thresholds.Count)
            throw builder.Error(null, $"has {InputCols.Count} input columns, {OutputCols.Count} output columns and {Thresholds.Count} thresholds; they must be equal and non-zero.");
        bool legacy = Info.Version.Before(3, 0);
        for (int i = 0; i < InputCols.Count; i++)
        {
            var input = builder.Read(InputCols[i], TypeSet.Numeric | TypeSet.Vector, SparkType.Double);
            double t = Thresholds[i];
            if (input.Type == SparkType.Vector)
            {
                // 3.x keeps the input's size (no per-slot attributes); 2.x attaches none.
                var vector = legacy ? VectorAttributes.Unknown : new VectorAttributes(input.VectorSize);
                var output = builder.AddColumn(OutputCols[i], SparkType.Vector, vector: vector, nullable: false);
                builder.AddKernel(new BinarizeVectorKernel(input.Name, input.Slot, output.Slot, t, legacy), [input.Slot], [output.Slot]);
            }
            else
            {
                if (input.Type != SparkType.Double)
                    throw builder.Error(input.Name, $"has type {input.Type}; Spark's Binarizer accepts only double and vector columns.");
                var output = builder.AddColumn(OutputCols[i], SparkType.Double, new MlAttribute(AttributeKind.Binary, OutputCols[i]), nullable: legacy);
                builder.AddKernel(new BinarizeDoubleKernel(input.Slot, output.Slot, t, legacy), [input.Slot], [output.Slot]);
            }
        }
    }

    private sealed class BinarizeDoubleKernel(int input, int output, double threshold, bool legacy) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Column<DoubleColumn>(input);
            var target = frame.Column<DoubleColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (source.IsNull(r))
                {
                    if (legacy)
                        target.SetNull(r);
                    else
                        target.Set(r, 0.0);
                    continue;
                }
                // NaN > t is false, which is what both !isnan(x) AND x > t and the 2.x UDF give.
                target.Set(r, source.Values[r] > threshold ? 1.0 : 0.0);
            }
        }
    }

    private sealed class BinarizeVectorKernel(string name, int input, int output, double threshold, bool legacy) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Column<VectorColumn>(input);
            var target = frame.Column<VectorColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                if (source.IsNull(r))
                {
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, name, Stage, "null vector; Binarizer cannot binarize it."));
                    continue;
                }
                var v = source.Get(r);
                if (legacy || threshold >= 0)
                {
                    var w = target.BeginSparse(r, v.Size, Math.Max(v.StoredCount, v.Size));
                    int count = 0;
                    for (int k = 0; k < v.StoredCount; k++)
                    {
                        double x = v.Values[k];
                        // 3.x visits non-zero entries only; 2.x every stored entry (same result unless t < 0).
                        if ((legacy || x != 0.0) && x > threshold)
                        {
                            w.Indices[count] = v.IndexAt(k);
                            w.Values[count++] = 1.0;
                        }
                    }
                    target.CommitCompressed(r, count);
                }
                else
                {
                    var w = target.BeginSparse(r, v.Size, v.Size);
                    for (int i = 0; i < v.Size; i++)
                    {
                        w.Indices[i] = i;
                        w.Values[i] = 1.0;
                    }
                    for (int k = 0; k < v.StoredCount; k++)
                    {
                        double x = v.Values[k];
                        if (x != 0.0 && x <= threshold)
                            w.Values[v.IndexAt(k)] = 0.0;
                    }
                    target.CommitCompressed(r, v.Size);
                }
            }
        }
    }
}
