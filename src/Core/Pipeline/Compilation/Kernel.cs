namespace Ember.Pipeline;

/// <summary>
/// The executable half of a stage: transforms the Ok rows of a frame, reading and writing
/// columns by slot. Built once at compile time with everything resolved (slots, arrays, lookup
/// tables); <see cref="Execute"/> must not allocate per row beyond the values it outputs.
/// Kernels never throw for bad row values: they Skip or Fail the row with a <see cref="ScoreError"/>.
/// </summary>
public abstract class Kernel
{
    /// <summary>Stage label used in errors, e.g. "StringIndexerModel strIdx_5b2c".</summary>
    public string Stage { get; internal set; } = "";

    /// <summary>Slots read (for pruning what the requested outputs do not need).</summary>
    public int[] Reads { get; internal set; } = [];

    /// <summary>Slots written.</summary>
    public int[] Writes { get; internal set; } = [];

    /// <summary>True when the kernel can drop rows (handleInvalid = skip, filters): never pruned.</summary>
    public bool DropsRows { get; internal set; }

    public abstract void Execute(Frame frame);
}
