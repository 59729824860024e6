using Ember.Pipeline;

namespace Ember.Monitoring;

/// <summary>
/// Profiles what one model version scores, over rolling windows, against its training baseline.
/// The API calls <see cref="Observe(Frame, ScoringPlan, double)"/> once per scored request
/// (frame and latency together) and <see cref="RecordRequest"/> for requests that scored nothing. Thread-safe: callers are spread over a few shards, each taken with one
/// lock per frame (never per row), so concurrent requests rarely contend; reading a view merges
/// the shards. Observing a frame allocates nothing once its plan has been seen.
/// </summary>
public sealed partial class ScoringMonitor
{
    /// <summary>Completed windows kept for flushing; older ones are dropped if nobody flushes.</summary>
    private const int MaxCompleted = 4;

    private readonly ProfileSchema _schema;
    private readonly CompiledPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly object _rotateLock = new();
    private readonly Queue<MonitorWindow> _completed = new();
    private MonitorWindow? _lastCompleted;
    private volatile PlanBinding[] _bindings = [];
    private volatile Shard[] _shards;
    private readonly bool _systemClock;
    private long _windowEndsMs;

    private CategoryAccumulator?[]? _knownInputs;
    private PlanBinding? _lastBinding;

    public ScoringMonitor(string name, string version, CompiledPipeline pipeline, ModelBaseline? baseline, MonitorOptions options, TimeProvider? time = null)
        : this(name, version, baseline is null ? ProfileSchema.Of(pipeline) : ProfileSchema.Of(baseline), pipeline, baseline, options, time)
    {
    }

    private ScoringMonitor(string name, string version, ProfileSchema schema, CompiledPipeline pipeline, ModelBaseline? baseline, MonitorOptions options, TimeProvider? time)
    {
        Name = name;
        Version = version;
        Baseline = baseline;
        Options = options;
        _schema = schema;
        _pipeline = pipeline;
        _time = time ?? TimeProvider.System;
        _systemClock = ReferenceEquals(_time, TimeProvider.System);
        _window = options.Window;
        var now = _time.GetUtcNow();
        _shards = NewShards(now);
        _windowEndsMs = ClockMs() + (long)_window.TotalMilliseconds;
        if (_systemClock)
            ArmAlarm((long)_window.TotalMilliseconds);
    }

    public string Name { get; }

    public string Version { get; }

    public ModelBaseline? Baseline { get; }

    public MonitorOptions Options { get; }

    /// <summary>Profiles the rows of a scored frame: inputs the plan read (all rows), outputs it computed (rows that are Ok).</summary>
    public void Observe(Frame frame, ScoringPlan plan) => Observe(frame, plan, double.NaN);

    /// <summary>
    /// Profiles a scored frame and counts its request with <paramref name="latencyMs"/> in one
    /// step (one lock instead of <see cref="Observe(Frame, ScoringPlan)"/> then <see cref="RecordRequest"/>):
    /// at a few rows per request the fixed cost per call is most of the monitor's cost. NaN
    /// latency profiles the frame without counting a request.
    /// </summary>
    public void Observe(Frame frame, ScoringPlan plan, double latencyMs)
    {
        RotateIfDue();
        var binding = BindingFor(plan);
        while (true)
        {
            var shards = _shards;
            var shard = shards[Environment.CurrentManagedThreadId & (shards.Length - 1)];
            shard.Enter();
            if (shard.Closed)
            {
                shard.Exit();
                continue; // rotated while we waited: count in the new window
            }
            // Nothing but the guarded call in the try, so the JIT inlines the finally on the normal path.
            try
            {
                ObserveLocked(shard.Window, binding, frame, latencyMs);
            }
            finally
            {
                shard.Exit();
            }
            return;
        }
    }

    private static void ObserveLocked(MonitorWindow window, PlanBinding binding, Frame frame, double latencyMs)
    {
        int rows = frame.RowCount;
        RowState[]? states = frame.AllOk ? null : frame.States;
        binding.Observe(window.Profiles, frame, rows, states);
        window.Rows += rows;
        if (states is not null)
            CountRefused(window, states, rows);
        if (!double.IsNaN(latencyMs))
        {
            window.Requests++;
            window.LatencyMs.Add(Math.Max(0, latencyMs));
        }
    }

    /// <summary>Counts one request and its latency (milliseconds, end to end as the API measured it).</summary>
    public void RecordRequest(double latencyMs)
    {
        RotateIfDue();
        while (true)
        {
            var shards = _shards;
            var shard = shards[Environment.CurrentManagedThreadId & (shards.Length - 1)];
            shard.Enter();
            try
            {
                if (shard.Closed)
                    continue;
                shard.Window.Requests++;
                shard.Window.LatencyMs.Add(Math.Max(0, latencyMs));
            }
            finally
            {
                shard.Exit();
            }
            break;
        }
    }

    /// <summary>The current window merged with the last completed one (so a view right after a rollover is not empty).</summary>
    internal MonitorWindow Current()
    {
        RotateIfDue();
        MonitorWindow? merged;
        lock (_rotateLock)
            merged = _lastCompleted is null ? null : Copy(_lastCompleted);
        foreach (var shard in _shards)
        {
            MonitorWindow copy;
            shard.Enter();
            try
            {
                shard.Window.End = _time.GetUtcNow();
                copy = Copy(shard.Window);
            }
            finally
            {
                shard.Exit();
            }
            if (merged is null)
                merged = copy;
            else
                merged.Merge(copy);
        }
        merged!.Instances.Add(Options.Instance);
        return merged;
    }

    /// <summary>The live view of this instance: window, requests, latency, drift per column.</summary>
    public VersionMonitorView View(IReadOnlyList<string>? aliases = null) =>
        MonitorViews.Build(Name, Version, aliases ?? [], Current(), Baseline);

    /// <summary>
    /// Windows that ended and were not flushed yet, as snapshots (oldest first); with
    /// <paramref name="includeCurrent"/> the current window is closed first (shutdown, tests).
    /// </summary>
    public IReadOnlyList<MonitorSnapshot> TakeCompleted(bool includeCurrent = false)
    {
        if (includeCurrent)
            Rotate(_time.GetUtcNow(), force: true);
        else
            RotateIfDue();
        var result = new List<MonitorSnapshot>();
        lock (_rotateLock)
        {
            while (_completed.TryDequeue(out var window))
                if (!window.IsEmpty)
                    result.Add(window.ToSnapshot(Name, Version, Options.Instance));
        }
        return result;
    }

    private static void CountRefused(MonitorWindow window, RowState[] states, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            if (states[r] == RowState.Failed) window.FailedRows++;
            else if (states[r] == RowState.Skipped) window.SkippedRows++;
        }
    }

    private PlanBinding BindingFor(ScoringPlan plan)
    {
        // Most traffic uses one plan (the default outputs): check the last one bound first.
        if (_lastBinding is { } last && ReferenceEquals(last.Plan, plan))
            return last;
        return _lastBinding = FindBinding(plan);
    }

    private PlanBinding FindBinding(ScoringPlan plan)
    {
        foreach (var b in _bindings)
            if (ReferenceEquals(b.Plan, plan))
                return b;
        lock (_rotateLock)
        {
            foreach (var b in _bindings)
                if (ReferenceEquals(b.Plan, plan))
                    return b;
            _knownInputs ??= KnownInputs(_schema, Baseline);
            var binding = PlanBinding.Create(plan, _pipeline, _schema, _knownInputs);
            // Pipelines cache at most 256 plans; keep the newest 64 bindings.
            var current = _bindings;
            var next = current.Length < 64 ? new PlanBinding[current.Length + 1] : new PlanBinding[64];
            Array.Copy(current, current.Length < 64 ? 0 : 1, next, 0, next.Length - 1);
            next[^1] = binding;
            _bindings = next;
            return binding;
        }
    }

    private static CategoryAccumulator?[] KnownInputs(ProfileSchema schema, ModelBaseline? baseline)
    {
        var known = new CategoryAccumulator?[schema.Inputs.Count];
        for (int i = 0; i < known.Length; i++)
            known[i] = ColumnProfile.KnownCategories(schema.Inputs[i], ProfileSet.Find(baseline?.Inputs, schema.Inputs[i].Name));
        return known;
    }
}
