namespace Ember.Monitoring;

/// <summary>Turns a window (live or merged snapshots) and a baseline into the view the API, the CLI and the report show.</summary>
internal static class MonitorViews
{
    public static VersionMonitorView Build(string name, string version, IReadOnlyList<string> aliases, MonitorWindow window, ModelBaseline? baseline)
    {
        double seconds = Math.Max(1, (window.End - window.Start).TotalSeconds);
        return new VersionMonitorView(
            name, version, aliases, window.Start, window.End, Math.Max(1, window.Instances.Count),
            window.Requests, window.Rows, window.FailedRows, window.SkippedRows,
            Math.Round(window.Requests / seconds, 3),
            Latency(window.LatencyMs),
            baseline?.Rows,
            Compare(window.Profiles.InputData(), baseline?.Inputs),
            Compare(window.Profiles.OutputData(), baseline?.Outputs));
    }

    private static ColumnMonitorView[] Compare(ColumnProfileData[] live, IReadOnlyList<ColumnProfileData>? baseline) =>
        Array.ConvertAll(live, c => DriftCalculator.Compare(c, ProfileSet.Find(baseline, c.Name)));

    public static LatencyView Latency(QuantileSketch sketch)
    {
        if (sketch.Total == 0)
            return new LatencyView(0, null, null, null, null, null, []);
        // One bar per octave of milliseconds: readable from 0.1 ms to minutes.
        var bins = new List<HistogramBin>();
        var counts = sketch.Counts;
        int perOctave = 1 << QuantileSketch.SubBucketBits;
        long zero = counts[QuantileSketch.ZeroIndex];
        if (zero > 0)
            bins.Add(new HistogramBin(0, 0, zero));
        for (int start = QuantileSketch.ZeroIndex + 1; start < counts.Length; start += perOctave)
        {
            long n = 0;
            for (int i = start; i < start + perOctave && i < counts.Length; i++)
                n += counts[i];
            if (n == 0)
                continue;
            bins.Add(new HistogramBin(QuantileSketch.LowerBound(start), QuantileSketch.UpperBound(Math.Min(start + perOctave, counts.Length) - 1), n));
        }
        return new LatencyView(sketch.Total, Round(sketch.Quantile(0.5)), Round(sketch.Quantile(0.9)),
            Round(sketch.Quantile(0.95)), Round(sketch.Quantile(0.99)), Round(sketch.Quantile(1.0)), bins);
    }

    private static double? Round(double v) => double.IsFinite(v) ? Math.Round(v, 3) : null;
}
