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

    /// <summary>
    /// The string column a StringIndexer of this plan indexes from raw input slot
    /// <paramref name="inputSlot"/>: the slot of its index output and the labels. After
    /// <see cref="Execute"/>, a row that ended Ok holds its label's index there (or the label
    /// count for an invalid value kept), which lets the monitor count categories without hashing
    /// each string again.
    /// </summary>
    internal bool TryFindStringIndex(int inputSlot, out int indexSlot, out IReadOnlyList<string> labels)
    {
        foreach (var kernel in _kernels)
        {
            if (kernel is StringIndexerKernel indexer && indexer.TryFindStringColumn(inputSlot, out indexSlot, out labels))
                return true;
        }
        indexSlot = -1;
        labels = [];
        return false;
    }

    /// <summary>Runs every kernel over the frame's rows; refused rows end Skipped or Failed with their reason.</summary>
    public void Execute(Frame frame)
    {
        foreach (var kernel in _kernels)
            kernel.Execute(frame);
    }
}
