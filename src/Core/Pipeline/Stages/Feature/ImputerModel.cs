namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.ImputerModel: per column, v = CAST(x AS DOUBLE); the surrogate
/// when v is null or v = missingValue (SQL equality: NaN = NaN, -0.0 = 0.0), else v; the result is
/// cast back to the input's type (ints truncate, floats round). 2.x reads float/double columns
/// only; 3.0+ any numeric type and also a single inputCol/outputCol. The output carries no ML
/// attribute. Follows Spark's Imputer.scala (ImputerModel.transform).
/// </summary>
public sealed class ImputerModel(StageInfo info, IReadOnlyList<string> inputCols, IReadOnlyList<string> outputCols,
    IReadOnlyList<double> surrogates, double missingValue) : StageDefinition(info)
{
    public IReadOnlyList<string> InputCols { get; } = inputCols;

    public IReadOnlyList<string> OutputCols { get; } = outputCols;

    /// <summary>Surrogate per input column, in input order.</summary>
    public IReadOnlyList<double> Surrogates { get; } = surrogates;

    public double MissingValue { get; } = missingValue;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCols", string.Join(",", InputCols)),
        new("outputCols", string.Join(",", OutputCols)),
        new("surrogates", string.Join(",", Surrogates.Select(JavaNumberFormat.FormatDouble))),
        new("missingValue", JavaNumberFormat.FormatDouble(MissingValue)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (InputCols.Count == 0 || InputCols.Count != OutputCols.Count || InputCols.Count != Surrogates.Count)
            throw builder.Error(null, $"has {InputCols.Count} input columns, {OutputCols.Count} output columns and {Surrogates.Count} surrogates; they must be equal and non-zero.");
        for (int i = 0; i < InputCols.Count; i++)
        {
            var input = builder.Read(InputCols[i], TypeSet.Numeric, SparkType.Double);
            if (Info.Version.Before(3, 0) && input.Type != SparkType.Double && input.Type != SparkType.Float)
                throw builder.Error(input.Name, $"has type {input.Type}; Spark 2.x's Imputer accepts only double and float columns.");
            var output = builder.AddColumn(OutputCols[i], input.Type, nullable: false);
            builder.AddKernel(new ImputeKernel(input.Slot, output.Slot, input.Type, Surrogates[i], MissingValue), [input.Slot], [output.Slot]);
        }
    }

    private sealed class ImputeKernel(int input, int output, SparkType type, double surrogate, double missingValue) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var source = frame.Columns[input];
            var target = frame.Columns[output];
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                double v = source switch
                {
                    _ when source.IsNull(r) => surrogate,
                    DoubleColumn d => d.Values[r],
                    LongColumn l => l.Values[r],
                    _ => surrogate,
                };
                if (!source.IsNull(r) && IsMissing(v))
                    v = surrogate;
                switch (target)
                {
                    case DoubleColumn d:
                        d.Set(r, type == SparkType.Float ? (float)v : v);
                        break;
                    case LongColumn l:
                        l.Set(r, CastToIntegral(v));
                        break;
                }
            }
        }

        private bool IsMissing(double v) => (double.IsNaN(v) && double.IsNaN(missingValue)) || v == missingValue;

        // CAST(double AS integral): Java truncation to long or int, then narrowing wrap for short/byte.
        private long CastToIntegral(double v) => type.Kind switch
        {
            SparkTypeKind.Long => JavaMath.DoubleToLong(v),
            SparkTypeKind.Int => JavaMath.DoubleToInt(v),
            SparkTypeKind.Short => (short)JavaMath.DoubleToInt(v),
            SparkTypeKind.Byte => (sbyte)JavaMath.DoubleToInt(v),
            _ => JavaMath.DoubleToLong(v),
        };
    }
}
