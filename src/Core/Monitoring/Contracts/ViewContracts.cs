using Ember.Serving;

namespace Ember.Monitoring;

/// <summary>GET /api/models/{name}/monitor: the live version(s) of each alias with their profiles and drift.</summary>
public sealed record ModelMonitorView(string Name, IReadOnlyList<AliasListing> Aliases, IReadOnlyList<VersionMonitorView> Versions);

/// <summary>One model version over a window (this instance's, or merged snapshots of all instances).</summary>
/// <param name="Aliases">Aliases routing to this version ("prod", "prod (canary 10%)").</param>
/// <param name="Instances">Instances whose observations are merged here (1 for a live view).</param>
/// <param name="RequestsPerSecond">Requests over the window's duration.</param>
/// <param name="BaselineRows">Rows of the training sample, when the bundle has a baseline.</param>
public sealed record VersionMonitorView(
    string Name,
    string Version,
    IReadOnlyList<string> Aliases,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Instances,
    long Requests,
    long Rows,
    long FailedRows,
    long SkippedRows,
    double RequestsPerSecond,
    LatencyView Latency,
    long? BaselineRows,
    IReadOnlyList<ColumnMonitorView> Inputs,
    IReadOnlyList<ColumnMonitorView> Outputs);

/// <summary>Request latency in milliseconds: percentiles and a histogram over octaves.</summary>
public sealed record LatencyView(long Count, double? P50, double? P90, double? P95, double? P99, double? Max, IReadOnlyList<HistogramBin> Histogram);

public sealed record HistogramBin(double Low, double High, long Count);

/// <summary>
/// Drift of one column: PSI (all kinds), Jensen-Shannon distance (categorical kinds), the level
/// they reach against <see cref="DriftThresholds"/>, unseen and out-of-range rates, and the bins
/// both shares were computed on (what the charts draw).
/// </summary>
/// <param name="Detail">Which part the numbers describe when a column has several (the class of a probability vector).</param>
public sealed record ColumnMonitorView(
    string Name,
    string Kind,
    long Rows,
    double NullRate,
    double? UnseenRate,
    double? OutOfRangeRate,
    double? Psi,
    double? JsDistance,
    string Level,
    string? Detail,
    IReadOnlyList<DriftBin> Bins,
    ProfileSummary Live,
    ProfileSummary? Baseline);

/// <summary>A bin with the baseline's (expected) and the live (actual) share of rows.</summary>
public sealed record DriftBin(string Label, double Expected, double Actual);

/// <summary>The readable part of a profile.</summary>
public sealed record ProfileSummary(
    long Count,
    long Nulls,
    double? Mean,
    double? StdDev,
    double? Min,
    double? P50,
    double? Max,
    IReadOnlyList<CategoryCount>? Top);
