namespace Ember.Monitoring;

/// <summary>
/// What one serving instance observed for one model version over one window, as flushed to
/// <c>&lt;name&gt;/_monitor/&lt;version&gt;/&lt;yyyy-MM-dd&gt;/&lt;HHmmss&gt;-&lt;instance&gt;.json</c>.
/// Snapshots are bounded (sparse sketches, at most 256 values per categorical column) and merge
/// in any order.
/// </summary>
public sealed record MonitorSnapshot(
    int FormatVersion,
    string Name,
    string Version,
    string Instance,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long Requests,
    long Rows,
    long FailedRows,
    long SkippedRows,
    SketchData LatencyMs,
    IReadOnlyList<ColumnProfileData> Inputs,
    IReadOnlyList<ColumnProfileData> Outputs)
{
    public const int CurrentFormat = 1;
}
