using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ember.Serving;
using Ember.Storage;

namespace Ember.Monitoring;

/// <summary>
/// The monitors of one serving process, one per model version, and what they publish: the
/// monitor view of a model, gauges (System.Diagnostics.Metrics meter "Ember.Monitoring", which
/// the OpenTelemetry exporter picks up; CloudWatch EMF lines on Lambda) and snapshots flushed to
/// the store once per window. Hosts create one and hand it to the API.
/// </summary>
public sealed class MonitorHub : IDisposable
{
    public const string MeterName = "Ember.Monitoring";

    /// <summary>Versions monitored at once; the least recently created are dropped past this (their windows are flushed first by the caller's next flush).</summary>
    private const int MaxMonitors = 128;

    private readonly ConcurrentDictionary<MonitorKey, ScoringMonitor> _monitors = new();
    private readonly ConcurrentDictionary<MonitorKey, string> _baselineProblems = new();
    private readonly SnapshotStore? _snapshots;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private static readonly TimeSpan GaugeCacheAge = TimeSpan.FromSeconds(5);
    private volatile GaugeReading? _gauges;

    public MonitorHub(MonitorOptions options, IObjectStore? store = null, TimeProvider? time = null)
    {
        Options = options;
        _snapshots = store is null ? null : new SnapshotStore(store);
        _time = time ?? TimeProvider.System;
        _meter = new Meter(MeterName);
        _meter.CreateObservableGauge("ember.monitor.drift.psi", () => Measure(MonitorGauges.Psi), description: "Population stability index of a column against the training baseline");
        _meter.CreateObservableGauge("ember.monitor.drift.js", () => Measure(MonitorGauges.JsDistance), description: "Jensen-Shannon distance of a categorical column against the training baseline");
        _meter.CreateObservableGauge("ember.monitor.unseen_rate", () => Measure(MonitorGauges.UnseenRate), description: "Share of values the training baseline never saw");
        _meter.CreateObservableGauge("ember.monitor.out_of_range_rate", () => Measure(MonitorGauges.OutOfRangeRate), description: "Share of values outside the training range");
    }

    public MonitorOptions Options { get; }

    public IReadOnlyCollection<ScoringMonitor> Monitors => (IReadOnlyCollection<ScoringMonitor>)_monitors.Values;

    /// <summary>The monitor of a served model version (created on first use), or null when monitoring is off.</summary>
    public ScoringMonitor? For(ServedModel model)
    {
        if (!Options.Enabled)
            return null;
        var key = new MonitorKey(model.Name, model.Version);
        if (_monitors.TryGetValue(key, out var monitor))
            return monitor;
        ModelBaseline? baseline = null;
        try
        {
            baseline = BaselineCodec.FromManifest(model.Manifest?.Baseline);
        }
        catch (FormatException ex)
        {
            // A bad baseline must not stop serving: monitor without it and say why in the view.
            _baselineProblems[key] = ex.Message;
        }
        return Add(key, new ScoringMonitor(model.Name, model.Version, model.Pipeline, baseline, Options, _time));
    }

    /// <summary>Registers a monitor built by the caller (tests, the batch runner).</summary>
    public ScoringMonitor Add(ScoringMonitor monitor) => Add(new MonitorKey(monitor.Name, monitor.Version), monitor);

    /// <summary>Why a version's baseline could not be read, if it could not.</summary>
    public string? BaselineProblem(string name, string version) => _baselineProblems.TryGetValue(new MonitorKey(name, version), out var p) ? p : null;

    /// <summary>
    /// GET /api/models/{name}/monitor: the versions the aliases route to (stable and canary),
    /// then any other version this instance scored; versions it has not scored are left out.
    /// </summary>
    public ModelMonitorView View(string name, IReadOnlyList<AliasListing> aliases)
    {
        var labels = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Label(string version, string label)
        {
            if (!labels.TryGetValue(version, out var list))
                labels[version] = list = [];
            list.Add(label);
        }
        foreach (var a in aliases)
        {
            Label(a.Version, a.Alias);
            if (a.CanaryVersion is { } canary)
                Label(canary, $"{a.Alias} (canary {a.CanaryWeight ?? 0}%)");
        }
        var versions = new List<VersionMonitorView>();
        var monitors = _monitors.Values.Where(m => string.Equals(m.Name, name, StringComparison.Ordinal))
            .OrderBy(m => labels.ContainsKey(m.Version) ? 0 : 1)
            .ThenBy(m => m.Version, StringComparer.Ordinal);
        foreach (var m in monitors)
            versions.Add(m.View(labels.TryGetValue(m.Version, out var l) ? l : []));
        return new ModelMonitorView(name, aliases, versions);
    }

    /// <summary>
    /// Writes the windows that ended to the store (all of them, current included, with
    /// <paramref name="includeCurrent"/>: shutdown, or each Lambda invocation past its window).
    /// Returns how many snapshots were written; without a store, the windows are dropped.
    /// </summary>
    public async Task<int> FlushAsync(bool includeCurrent = false, CancellationToken cancellationToken = default)
    {
        int written = 0;
        foreach (var monitor in _monitors.Values)
        {
            foreach (var snapshot in monitor.TakeCompleted(includeCurrent))
            {
                if (_snapshots is null)
                    continue;
                await _snapshots.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
                written++;
            }
        }
        return written;
    }

    /// <summary>Per column and version: drift, unseen and out-of-range rates (what the metrics endpoint and EMF lines carry).</summary>
    /// <remarks>Cached for a few seconds: one metrics collection reads four gauges, each would otherwise recompute every view.</remarks>
    public IReadOnlyList<MonitorGauge> Gauges()
    {
        var cached = _gauges;
        var now = _time.GetUtcNow();
        if (cached is not null && now - cached.At < GaugeCacheAge)
            return cached.Gauges;
        var gauges = MonitorGauges.Of(_monitors.Values.Select(m => m.View()));
        _gauges = new GaugeReading(now, gauges);
        return gauges;
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Measure(Func<MonitorGauge, bool> select)
    {
        foreach (var g in Gauges())
            if (select(g))
                yield return new Measurement<double>(g.Value,
                    new KeyValuePair<string, object?>("model", g.Model),
                    new KeyValuePair<string, object?>("version", g.Version),
                    new KeyValuePair<string, object?>("column", g.Column));
    }

    private ScoringMonitor Add(MonitorKey key, ScoringMonitor monitor)
    {
        var added = _monitors.GetOrAdd(key, monitor);
        if (_monitors.Count > MaxMonitors)
        {
            foreach (var k in _monitors.Keys.Take(_monitors.Count - MaxMonitors))
                if (k != key)
                    _monitors.TryRemove(k, out _);
        }
        return added;
    }

    private sealed record GaugeReading(DateTimeOffset At, IReadOnlyList<MonitorGauge> Gauges);

    /// <summary>(name, version) compared ordinally; a struct, so the per-request lookup allocates nothing.</summary>
    private readonly record struct MonitorKey(string Name, string Version);
}
