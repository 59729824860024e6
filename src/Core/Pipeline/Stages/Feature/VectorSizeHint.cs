namespace Ember.Pipeline;

/// <summary>
/// org.apache.spark.ml.feature.VectorSizeHint (2.3+, params only): declares the size of a vector
/// column (its attribute group) without adding a column, so later stages (VectorAssembler with
/// keep) know it. A different size already known is refused, as Spark does. handleInvalid: error
/// (null or wrong-size vector fails the row), skip (such rows are dropped), optimistic (no checks).
/// Follows Spark's VectorSizeHint.scala.
/// </summary>
public sealed class VectorSizeHint(StageInfo info, string inputCol, int size, string handleInvalid) : StageDefinition(info)
{
    public string InputCol { get; } = inputCol;

    public int Size { get; } = size;

    public string HandleInvalid { get; } = handleInvalid;

    public override IReadOnlyList<KeyValuePair<string, string>> DescribeParams() =>
    [
        new("inputCol", InputCol),
        new("size", Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("handleInvalid", HandleInvalid),
    ];

    public override void Compile(PipelineBuilder builder)
    {
        var mode = InvalidHandlingParser.Parse(builder, HandleInvalid, InvalidHandling.Error, InvalidHandling.Skip, InvalidHandling.Optimistic);
        if (Size < 0)
            throw builder.Error(InputCol, $"size {Size} is negative.");
        var input = builder.Read(InputCol, TypeSet.Vector, SparkType.Vector, Size);
        var group = input.Vector ?? VectorAttributes.Unknown;
        if (group.HasSize && group.Size != Size)
            throw builder.Error(input.Name, $"VectorSizeHint sets the size to {Size}, but it is already known to be {group.Size}.");
        if (!group.HasSize)
            builder.UpdateColumn(input with { Vector = VectorAttributes.OfSize(Size) });
        if (mode == InvalidHandling.Optimistic)
            return;
        // The kernel changes no value: "writing" the column makes every reader of it depend on the check.
        builder.AddKernel(new SizeCheckKernel(input.Name, input.Slot, Size, mode == InvalidHandling.Skip),
            [input.Slot], [input.Slot], dropsRows: mode == InvalidHandling.Skip);
    }

    private sealed class SizeCheckKernel(string name, int slot, int size, bool skip) : Kernel
    {
        public override void Execute(Frame frame)
        {
            var column = frame.Column<VectorColumn>(slot);
            for (int r = 0; r < frame.RowCount; r++)
            {
                if (!frame.IsOk(r))
                    continue;
                bool isNull = column.IsNull(r);
                if (!isNull && column.SizeOf(r) == size)
                    continue;
                string problem = isNull ? "null vector" : $"vector of size {column.SizeOf(r)} where VectorSizeHint expects {size}";
                if (skip)
                    frame.Skip(r, new ScoreError(ErrorCode.Skipped, name, Stage, problem + " dropped by handleInvalid = skip."));
                else
                    frame.Fail(r, new ScoreError(isNull ? ErrorCode.NullValue : ErrorCode.VectorSizeMismatch, name, Stage,
                        problem + " (handleInvalid = skip would drop the row)."));
            }
        }
    }
}
