namespace Ember.Pipeline;

/// <summary>The operations of MLeap's math_binary, by the name a bundle stores.</summary>
public enum MathBinaryOperation
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    LogN,
    Pow,
}

/// <summary>
/// MLeap's MathBinary (mleap-core feature/MathBinaryModel.scala; Spark side
/// org.apache.spark.ml.mleap.feature.MathBinary): output = a op b with a = CAST(input_a AS DOUBLE)
/// or, without an input_a socket, the default da (b likewise with db). Plain Java double
/// arithmetic: x / 0 is ±∞ or NaN, % is Java's truncated remainder, log_n = ln a / ln b, pow is
/// Java's Math.pow. MLeap declares the inputs non-nullable, so a null fails the row.
/// </summary>
public sealed class MathBinaryModel(StageInfo info, string? inputA, string? inputB, string outputCol, MathBinaryOperation operation,
    double? defaultA, double? defaultB) : StageDefinition(info)
{
    /// <summary>The input_a column, or null when a is the constant <see cref="DefaultA"/>.</summary>
    public string? InputA { get; } = inputA;

    public string? InputB { get; } = inputB;

    public string OutputCol { get; } = outputCol;

    public MathBinaryOperation Operation { get; } = operation;

    /// <summary>da: a when there is no input_a column.</summary>
    public double? DefaultA { get; } = defaultA;

    public double? DefaultB { get; } = defaultB;

    public static string NameOf(MathBinaryOperation operation) => operation switch
    {
        MathBinaryOperation.Add => "add",
        MathBinaryOperation.Subtract => "sub",
        MathBinaryOperation.Multiply => "mul",
        MathBinaryOperation.Divide => "div",
        MathBinaryOperation.Remainder => "rem",
        MathBinaryOperation.LogN => "log_n",
        MathBinaryOperation.Pow => "pow",
        _ => "?",
    };

    public static bool TryParse(string name, out MathBinaryOperation operation)
    {
        foreach (var candidate in Enum.GetValues<MathBinaryOperation>())
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

    public static string KnownNames => string.Join(", ", Enum.GetValues<MathBinaryOperation>().Select(NameOf));

    public static double Apply(MathBinaryOperation operation, double a, double b) => operation switch
    {
        MathBinaryOperation.Add => a + b,
        MathBinaryOperation.Subtract => a - b,
        MathBinaryOperation.Multiply => a * b,
        MathBinaryOperation.Divide => a / b,
        // C#'s % on doubles is fmod, the same truncated remainder as Java's.
        MathBinaryOperation.Remainder => a % b,
        MathBinaryOperation.LogN => Math.Log(a) / Math.Log(b),
        MathBinaryOperation.Pow => JavaMath.Pow(a, b),
        _ => double.NaN,
    };

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputA", InputA ?? "da=" + JavaNumberFormat.FormatDouble(DefaultA ?? double.NaN)),
        new("inputB", InputB ?? "db=" + JavaNumberFormat.FormatDouble(DefaultB ?? double.NaN)),
        new("outputCol", OutputCol),
        new("operation", NameOf(Operation)),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        if (InputA is null && DefaultA is null)
            throw builder.Error(null, "has no input_a column and no default a (da); MLeap cannot compute it either.");
        if (InputB is null && DefaultB is null)
            throw builder.Error(null, "has no input_b column and no default b (db); MLeap cannot compute it either.");
        var a = ReadOperand(builder, InputA);
        var b = ReadOperand(builder, InputB);
        var output = builder.AddColumn(OutputCol, SparkType.Double);
        int[] reads = new[] { a.Slot, b.Slot }.Where(s => s >= 0).ToArray();
        builder.AddKernel(new BinaryKernel(a, b, output.Slot, Operation, DefaultA ?? 0.0, DefaultB ?? 0.0), reads, [output.Slot]);
    }

    private static Operand ReadOperand(PipelineBuilder builder, string? name)
    {
        if (name is null)
            return new Operand("", -1);
        var column = builder.Read(name, TypeSet.Numeric, SparkType.Double);
        return new Operand(column.Name, builder.AsDouble(column));
    }

    /// <summary>A column slot (−1 when the operand is the default constant) and its name for errors.</summary>
    private readonly record struct Operand(string Name, int Slot);

    private sealed class BinaryKernel(Operand a, Operand b, int output, MathBinaryOperation operation, double defaultA, double defaultB) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var columnA = a.Slot >= 0 ? frame.Column<DoubleColumn>(a.Slot) : null;
            var columnB = b.Slot >= 0 ? frame.Column<DoubleColumn>(b.Slot) : null;
            var target = frame.Column<DoubleColumn>(output);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r) || !TryRead(frame, r, columnA, a.Name, defaultA, out double x) || !TryRead(frame, r, columnB, b.Name, defaultB, out double y))
                    continue;
                target.Set(r, Apply(operation, x, y));
            }
        }

        private bool TryRead(Frame frame, int r, DoubleColumn? column, string name, double constant, out double value)
        {
            if (column is null)
            {
                value = constant;
                return true;
            }
            value = column.Values[r];
            if (!column.IsNull(r))
                return true;
            frame.Fail(r, new ScoreError(ErrorCode.NullValue, name, Stage, "null; MLeap's math_binary takes a non-null number.", "null"));
            return false;
        }
    }
}
