namespace Ember.Monitoring;

/// <summary>
/// Everything observed for one model version over a time span: request counts, latency and the
/// column profiles. Live windows are filled by <see cref="ScoringMonitor"/> (one per shard);
/// snapshots of many instances and windows merge into one.
/// </summary>
internal sealed class MonitorWindow
{
    public MonitorWindow(ProfileSet profiles, DateTimeOffset start)
    {
        Profiles = profiles;
        Start = start;
        End = start;
    }

    public ProfileSet Profiles { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; set; }

    public long Requests { get; set; }

    public long Rows { get; set; }

    public long FailedRows { get; set; }

    public long SkippedRows { get; set; }

    public QuantileSketch LatencyMs { get; } = new();

    /// <summary>Distinct instances merged into this window.</summary>
    public HashSet<string> Instances { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Requests == 0 && Rows == 0;

    public void Merge(MonitorWindow other)
    {
        Start = Min(Start, other.Start);
        if (other.End > End) End = other.End;
        Requests += other.Requests;
        Rows += other.Rows;
        FailedRows += other.FailedRows;
        SkippedRows += other.SkippedRows;
        LatencyMs.Merge(other.LatencyMs);
        Instances.UnionWith(other.Instances);
        Profiles = Profiles.MergedWith(other.Profiles);
    }

    public MonitorSnapshot ToSnapshot(string name, string version, string instance) => new(
        MonitorSnapshot.CurrentFormat, name, version, instance, Start, End, Requests, Rows, FailedRows, SkippedRows,
        SketchCodec.ToData(LatencyMs), Profiles.InputData(), Profiles.OutputData());

    public static MonitorWindow FromSnapshot(MonitorSnapshot snapshot)
    {
        if (snapshot.FormatVersion != MonitorSnapshot.CurrentFormat)
            throw new FormatException($"snapshot format {snapshot.FormatVersion} is not supported (this Ember reads {MonitorSnapshot.CurrentFormat})");
        var window = new MonitorWindow(ProfileSet.FromData(snapshot.Inputs, snapshot.Outputs), snapshot.WindowStart)
        {
            End = snapshot.WindowEnd,
            Requests = Math.Max(0, snapshot.Requests),
            Rows = Math.Max(0, snapshot.Rows),
            FailedRows = Math.Max(0, snapshot.FailedRows),
            SkippedRows = Math.Max(0, snapshot.SkippedRows),
        };
        window.LatencyMs.Merge(SketchCodec.FromData(snapshot.LatencyMs, "latency"));
        if (!string.IsNullOrEmpty(snapshot.Instance))
            window.Instances.Add(snapshot.Instance);
        return window;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
