using System.Collections.Concurrent;
using System.Globalization;

namespace Ember.Serving.Metrics;

/// <summary>A Prometheus histogram with fixed buckets and up to three labels; observations are lock-free.</summary>
public sealed class HistogramFamily(string name, string help, double[] buckets, params string[] labelNames) : IMetricFamily
{
    private const int MaxSeries = 2000;

    private readonly ConcurrentDictionary<MetricLabels, Cell> _series = new();
    private readonly string[] _bucketLabels = Array.ConvertAll(buckets, b => b.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Request latencies, 0.25 ms to 10 s.</summary>
    public static double[] LatencySeconds { get; } = [0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Model load times, 10 ms to 2 min.</summary>
    public static double[] LoadSeconds { get; } = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    public string Name { get; } = name;

    public string Help { get; } = help;

    public IReadOnlyList<string> LabelNames { get; } = labelNames;

    public void Observe(MetricLabels labels, double value)
    {
        var cell = CellFor(labels);
        int i = 0;
        while (i < buckets.Length && value > buckets[i])
            i++;
        Interlocked.Increment(ref cell.Buckets[i]);
        Interlocked.Increment(ref cell.Count);
        double current = Volatile.Read(ref cell.Sum);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref cell.Sum, current + value, current);
            if (seen.Equals(current))
                break;
            current = seen;
        }
    }

    public long Count(MetricLabels labels) => _series.TryGetValue(labels, out var cell) ? Volatile.Read(ref cell.Count) : 0;

    public void WriteTo(PrometheusTextWriter writer)
    {
        writer.Header(Name, Help, "histogram");
        foreach (var (labels, cell) in writer.Sorted(_series))
        {
            long cumulative = 0;
            for (int i = 0; i < buckets.Length; i++)
            {
                cumulative += Volatile.Read(ref cell.Buckets[i]);
                writer.Sample(Name + "_bucket", LabelNames, labels, "le", _bucketLabels[i], cumulative);
            }
            cumulative += Volatile.Read(ref cell.Buckets[buckets.Length]);
            writer.Sample(Name + "_bucket", LabelNames, labels, "le", "+Inf", cumulative);
            writer.Sample(Name + "_sum", LabelNames, labels, null, null, Volatile.Read(ref cell.Sum));
            writer.Sample(Name + "_count", LabelNames, labels, null, null, Volatile.Read(ref cell.Count));
        }
    }

    private Cell CellFor(MetricLabels labels)
    {
        if (_series.TryGetValue(labels, out var cell))
            return cell;
        if (_series.Count >= MaxSeries)
            labels = new MetricLabels("_other", "_other", "_other");
        int bucketCount = buckets.Length + 1;
        return _series.GetOrAdd(labels, _ => new Cell(bucketCount));
    }

    private sealed class Cell(int buckets)
    {
        public readonly long[] Buckets = new long[buckets]; // the last one is +Inf
        public long Count;
        public double Sum;
    }
}
