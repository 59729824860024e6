namespace Ember.Pipeline;

/// <summary>The operations of MLeap's math_unary, by the name a bundle stores.</summary>
public enum MathUnaryOperation
{
    Log,
    Exp,
    Sqrt,
    Sin,
    Cos,
    Tan,
    Abs,
    /// <summary>"logit": log(x / (1 − x)) on [0, 1]; outside it commons-math throws.</summary>
    Logit,
    /// <summary>"LogitTransform" (the name before "logit"): x clipped into [1e-6, 0.999999] first.</summary>
    ClippedLogit,
    Floor,
    Ceil,
    /// <summary>"round_of": Java's Math.round, widened back to double.</summary>
    Round,
}

/// <summary>
/// MLeap's MathUnary (mleap-core feature/MathUnaryModel.scala; Spark side
/// org.apache.spark.ml.mleap.feature.MathUnary): output = op(CAST(input AS DOUBLE)), one double
/// per row. MLeap declares the input non-nullable, so a null fails the row; NaN and infinities go
/// through the Java function (NaN in, NaN out). logit outside [0, 1] fails the row, as
/// commons-math's Logit throws there.
/// </summary>
public sealed class MathUnaryModel(StageInfo info, string inputCol, string outputCol, MathUnaryOperation operation) : StageDefinition(info)
{
    /// <summary>commons-math Logit's range and the clipping bounds of MLeap's LogitHelper.</summary>
    private const double ClipMin = 0.000001, ClipMax = 0.999999;

    public string InputCol { get; } = inputCol;

    public string OutputCol { get; } = outputCol;

    public MathUnaryOperation Operation { get; } = operation;

    /// <summary>The bundle's name of each operation.</summary>
    public static string NameOf(MathUnaryOperation operation) => operation switch
    {
        MathUnaryOperation.Log => "log",
        MathUnaryOperation.Exp => "exp",
        MathUnaryOperation.Sqrt => "sqrt",
        MathUnaryOperation.Sin => "sin",
        MathUnaryOperation.Cos => "cos",
        MathUnaryOperation.Tan => "tan",
        MathUnaryOperation.Abs => "abs",
        MathUnaryOperation.Logit => "logit",
        MathUnaryOperation.ClippedLogit => "LogitTransform",
        MathUnaryOperation.Floor => "floor",
        MathUnaryOperation.Ceil => "ceil",
        MathUnaryOperation.Round => "round_of",
        _ => "?",
    };

    public static bool TryParse(string name, out MathUnaryOperation operation)
    {
        foreach (var candidate in Enum.GetValues<MathUnaryOperation>())
        {
            if (NameOf(candidate) == name)
            {
                operation = candidate;
                return true;
            }
        }
        operation = default;
        return false;
    }

    public static string KnownNames => string.Join(", ", Enum.GetValues<MathUnaryOperation>().Select(NameOf));

    /// <summary>op(x), or false where MLeap's model throws (logit outside [0, 1]).</summary>
    public static bool TryApply(MathUnaryOperation operation, double x, out double y)
    {
        y = operation switch
        {
            MathUnaryOperation.Log => Math.Log(x),
            MathUnaryOperation.Exp => Math.Exp(x),
            MathUnaryOperation.Sqrt => Math.Sqrt(x),
            MathUnaryOperation.Sin => Math.Sin(x),
            MathUnaryOperation.Cos => Math.Cos(x),
            MathUnaryOperation.Tan => Math.Tan(x),
            MathUnaryOperation.Abs => Math.Abs(x),
            MathUnaryOperation.Logit => Logit(x),
            MathUnaryOperation.ClippedLogit => Logit(x <= ClipMin ? ClipMin : x >= ClipMax ? ClipMax : x),
            MathUnaryOperation.Floor => Math.Floor(x),
            MathUnaryOperation.Ceil => Math.Ceiling(x),
            MathUnaryOperation.Round => JavaMath.Round(x),
            _ => double.NaN,
        };
        // commons-math's Logit.value throws OutOfRangeException below 0 and above 1 (NaN passes through).
        return !(operation == MathUnaryOperation.Logit && (x < 0.0 || x > 1.0));
    }

    private static double Logit(double x) => Math.Log(x / (1.0 - x));

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("outputCol", OutputCol),
        new("operation", NameOf(Operation)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var input = builder.Read(InputCol, TypeSet.Numeric, SparkType.Double);
        int source = builder.AsDouble(input);
        var output = builder.AddColumn(OutputCol, SparkType.Double);
        builder.AddKernel(new UnaryKernel(input.Name, source, output.Slot, Operation), [source], [output.Slot]);
    }

    private sealed class UnaryKernel(string inputName, int input, int output, MathUnaryOperation operation) : Kernel
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
                    frame.Fail(r, new ScoreError(ErrorCode.NullValue, inputName, Stage, "null; MLeap's math_unary takes a non-null number.", "null"));
                    continue;
                }
                double x = source.Values[r];
                if (TryApply(operation, x, out double y))
                    target.Set(r, y);
                else
                    frame.Fail(r, new ScoreError(ErrorCode.OutOfRange, inputName, Stage, "logit needs a value in [0, 1].",
                        JavaNumberFormat.FormatDouble(x)));
            }
        }
    }
}
