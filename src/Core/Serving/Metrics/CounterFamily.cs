using System.Collections.Concurrent;

namespace Ember.Serving.Metrics;

/// <summary>A Prometheus counter with up to three labels; increments are lock-free.</summary>
public sealed class CounterFamily(string name, string help, params string[] labelNames) : IMetricFamily
{
    /// <summary>Label combinations kept; past this, new series are folded into one "_other" series so a hostile caller cannot grow memory.</summary>
    private const int MaxSeries = 2000;

    private readonly ConcurrentDictionary<MetricLabels, Cell> _series = new();

    public string Name { get; } = name;

    public string Help { get; } = help;

    public IReadOnlyList<string> LabelNames { get; } = labelNames;

    public void Add(MetricLabels labels, long amount = 1) => Interlocked.Add(ref CellFor(labels).Value, amount);

    public long Value(MetricLabels labels) => _series.TryGetValue(labels, out var cell) ? Volatile.Read(ref cell.Value) : 0;

    public void WriteTo(PrometheusTextWriter writer)
    {
        writer.Header(Name, Help, "counter");
        foreach (var (labels, cell) in writer.Sorted(_series))
            writer.Sample(Name, LabelNames, labels, null, null, Volatile.Read(ref cell.Value));
    }

    private Cell CellFor(MetricLabels labels)
    {
        if (_series.TryGetValue(labels, out var cell))
            return cell;
        if (_series.Count >= MaxSeries)
            labels = new MetricLabels("_other", "_other", "_other");
        return _series.GetOrAdd(labels, static _ => new Cell());
    }

    private sealed class Cell
    {
        public long Value;
    }
}
