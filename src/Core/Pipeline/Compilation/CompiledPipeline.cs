using System.Collections.Concurrent;

namespace Ember.Pipeline;

/// <summary>
/// A pipeline compiled once at load: flat kernels over slot-indexed frames. Thread-safe: any
/// number of callers score concurrently, each with its own frame (rented from a small pool).
/// </summary>
public sealed class CompiledPipeline
{
    private const int MaxPooledFrames = 64;
    private readonly SparkType[] _slotTypes;
    private readonly Kernel[] _kernels;
    private readonly ConcurrentQueue<Frame> _pool = new();
    private readonly ConcurrentDictionary<string, ScoringPlan> _plans = new(StringComparer.OrdinalIgnoreCase);
    private int _pooled;

    internal CompiledPipeline(SparkType[] slotTypes, Kernel[] kernels, InputColumn[] inputs, ColumnInfo[] columns,
        IReadOnlyList<ColumnInfo> defaultOutputs, StageSummary[] stages)
    {
        _slotTypes = slotTypes;
        _kernels = kernels;
        Inputs = inputs;
        Columns = columns;
        Stages = stages;
        DefaultOutputs = defaultOutputs;
        DefaultPlan = BuildPlan(defaultOutputs);
    }

    /// <summary>Raw columns the pipeline reads, in the order stages first read them.</summary>
    public IReadOnlyList<InputColumn> Inputs { get; }

    /// <summary>The DataFrame's columns after the last stage (inputs first, then outputs in order).</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>What a request returns by default: the predictor's outputs and any columns added after it.</summary>
    public IReadOnlyList<ColumnInfo> DefaultOutputs { get; }

    /// <summary>Leaf stages in execution order with the columns each added.</summary>
    public IReadOnlyList<StageSummary> Stages { get; }

    public ScoringPlan DefaultPlan { get; }

    public IReadOnlyList<SparkType> SlotTypes => _slotTypes;

    /// <summary>
    /// The plan computing exactly <paramref name="outputs"/> (and the rows that skip would drop);
    /// null with an error message when a name is not a column of the pipeline.
    /// </summary>
    public ScoringPlan? PlanFor(IReadOnlyList<string> outputs, out string? error)
    {
        error = null;
        string key = string.Join('\u0001', outputs);
        if (_plans.TryGetValue(key, out var cached))
            return cached;
        var selected = new List<ColumnInfo>(outputs.Count);
        foreach (var name in outputs)
        {
            var column = Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                error = $"'{name}' is not a column of this pipeline; available: {string.Join(", ", Columns.Select(c => c.Name))}.";
                return null;
            }
            selected.Add(column);
        }
        var plan = BuildPlan(selected);
        if (_plans.Count < 256)
            _plans.TryAdd(key, plan);
        return plan;
    }

    /// <summary>A new frame with room for <paramref name="capacity"/> rows.</summary>
    public Frame CreateFrame(int capacity) => new(_slotTypes, capacity);

    /// <summary>A frame from the pool (or a new one), reset for <paramref name="rowCount"/> rows.</summary>
    public Frame RentFrame(int rowCount)
    {
        if (_pool.TryDequeue(out var frame))
            Interlocked.Decrement(ref _pooled);
        else
            frame = CreateFrame(Math.Max(rowCount, 1));
        frame.Reset(rowCount);
        return frame;
    }

    public void ReturnFrame(Frame frame)
    {
        // Huge frames from a big batch are not worth keeping warm for single-row requests.
        if (frame.Capacity > 4096 || Interlocked.Increment(ref _pooled) > MaxPooledFrames)
        {
            if (frame.Capacity <= 4096)
                Interlocked.Decrement(ref _pooled);
            return;
        }
        _pool.Enqueue(frame);
    }

    private ScoringPlan BuildPlan(IReadOnlyList<ColumnInfo> outputs)
    {
        var needed = new HashSet<int>(outputs.Select(o => o.Slot));
        var kept = new List<Kernel>();
        for (int i = _kernels.Length - 1; i >= 0; i--)
        {
            var k = _kernels[i];
            if (!k.DropsRows && !k.Writes.Any(needed.Contains))
                continue;
            kept.Add(k);
            foreach (var r in k.Reads)
                needed.Add(r);
        }
        kept.Reverse();
        var required = Inputs.Where(i => needed.Contains(i.Slot)).ToArray();
        return new ScoringPlan(kept.ToArray(), outputs.ToArray(), required);
    }
}
