namespace Ember.Pipeline;

/// <summary>
/// The kernels that compute one set of output columns, in order, and the raw inputs they need.
/// Columns the outputs do not need are not computed (as Spark's optimizer prunes unused
/// projections); kernels that drop rows always run, since they decide which rows exist.
/// </summary>
public sealed class ScoringPlan
{
    private readonly Kernel[] _kernels;

    internal ScoringPlan(Kernel[] kernels, ColumnInfo[] outputs, InputColumn[] requiredInputs)
    {
        _kernels = kernels;
        Outputs = outputs;
        RequiredInputs = requiredInputs;
    }

    public IReadOnlyList<ColumnInfo> Outputs { get; }

    public IReadOnlyList<InputColumn> RequiredInputs { get; }

    public int KernelCount => _kernels.Length;

    /// <summary>Runs every kernel over the frame's rows; refused rows end Skipped or Failed with their reason.</summary>
    public void Execute(Frame frame)
    {
        foreach (var kernel in _kernels)
            kernel.Execute(frame);
    }
}
