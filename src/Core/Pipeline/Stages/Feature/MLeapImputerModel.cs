namespace Ember.Pipeline;

/// <summary>
/// MLeap's single-column imputer op (mleap-core feature/ImputerModel.scala, 0.8; Spark side
/// org.apache.spark.ml.mleap.feature.ImputerModel): v = CAST(x AS DOUBLE); the surrogate when v is
/// null, NaN or v == missingValue (Java ==, so -0.0 matches 0.0), else v; the output is always a
/// double. Not Spark's <see cref="ImputerModel"/>: MLeap imputes NaN whatever missingValue is
/// (Spark's SQL equality leaves NaN alone unless missingValue is NaN) and does not cast back to
/// the input type. The strategy only says how the surrogate was fitted.
/// </summary>
public sealed class MLeapImputerModel(StageInfo info, string inputCol, string outputCol, double surrogateValue, double missingValue, string strategy)
    : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public double SurrogateValue { get; } = surrogateValue;

    public double MissingValue { get; } = missingValue;

    public string Strategy { get; } = strategy;

    public static double Impute(double v, double surrogate, double missingValue) =>
        double.IsNaN(v) || v == missingValue ? surrogate : v;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("surrogateValue", JavaNumberFormat.FormatDouble(SurrogateValue)),
        new("missingValue", JavaNumberFormat.FormatDouble(MissingValue)),
        new("strategy", Strategy),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.Numeric, SparkType.Double);
        int source = builder.AsDouble(input);
        var output = builder.AddColumn(OutputCol, SparkType.Double);
        builder.AddKernel(new ImputeKernel(source, output.Slot, SurrogateValue, MissingValue), [source], [output.Slot]);
    }

    private sealed class ImputeKernel(int input, int output, double surrogate, double missingValue) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Column<DoubleColumn>(input);
            var target = frame.Column<DoubleColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (frame.IsOk(r))
                    target.Set(r, source.IsNull(r) ? surrogate : Impute(source.Values[r], surrogate, missingValue));
            }
        }
    }
}
