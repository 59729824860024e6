namespace Ember.Pipeline;

/// <summary>
/// Base of the stages that map one vector column to another through a Scala UDF (scalers,
/// Normalizer, PCA, selectors...): a null vector fails the row (Spark's UDF throws), a vector of
/// the wrong size fails it with the sizes named, every other row goes to <see cref="Map"/>.
/// </summary>
public abstract class VectorMapKernel(string inputName, int input, int output, int expectedSize) : Kernel
{
    protected string InputName { get; } = inputName;

    /// <summary>Writes the transformed vector of <paramref name="row"/>; returns an error message when Spark would throw.</summary>
    protected abstract string? Map(in VectorView vector, VectorColumn output, int row);

    public sealed override void Execute(Frame frame)
    {
        var source = frame.Column<VectorColumn>(input);
        var target = frame.Column<VectorColumn>(output);
        for (int r = 0; r < frame.RowCount; r++)
        {
            if (!frame.IsOk(r))
                continue;
            if (source.IsNull(r))
            {
                frame.Fail(r, new ScoreError(ErrorCode.NullValue, InputName, Stage, "vector is null."));
                continue;
            }
            var v = source.Get(r);
            if (expectedSize >= 0 && v.Size != expectedSize)
            {
                frame.Fail(r, new ScoreError(ErrorCode.VectorSizeMismatch, InputName, Stage,
                    $"vector has size {v.Size} but the model expects {expectedSize}."));
                continue;
            }
            if (Map(v, target, r) is { } error)
                frame.Fail(r, new ScoreError(ErrorCode.InvalidValue, InputName, Stage, error));
        }
    }
}

/// <summary>Compiles a vector → vector stage: reads the input, adds the output with its attributes, adds the kernel.</summary>
public static class VectorMapStage
{
    public static void Compile(PipelineBuilder builder, string inputCol, string outputCol, int expectedSize,
        Func<ColumnInfo, VectorAttributes> outputAttributes, Func<ColumnInfo, int, Kernel> kernel)
    {
        var input = builder.Read(inputCol, TypeSet.Vector, SparkType.Vector, expectedSize);
        if (expectedSize >= 0 && input.VectorSize >= 0 && input.VectorSize != expectedSize)
            throw builder.Error(inputCol, $"has vectors of size {input.VectorSize} but the model was fitted on size {expectedSize}.");
        var output = builder.AddColumn(outputCol, SparkType.Vector, vector: outputAttributes(input));
        builder.AddKernel(kernel(input, output.Slot), [input.Slot], [output.Slot]);
    }
}
