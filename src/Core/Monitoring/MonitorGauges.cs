namespace Ember.Monitoring;

/// <summary>One gauge reading of a column of a model version.</summary>
/// <param name="Metric">drift_psi, drift_js, unseen_rate or out_of_range_rate.</param>
public sealed record MonitorGauge(string Metric, string Model, string Version, string Column, double Value);

/// <summary>Flattens monitor views into gauge readings.</summary>
public static class MonitorGauges
{
    public const string DriftPsi = "drift_psi";
    public const string DriftJs = "drift_js";
    public const string Unseen = "unseen_rate";
    public const string OutOfRange = "out_of_range_rate";

    internal static readonly Func<MonitorGauge, bool> Psi = g => g.Metric == DriftPsi;
    internal static readonly Func<MonitorGauge, bool> JsDistance = g => g.Metric == DriftJs;
    internal static readonly Func<MonitorGauge, bool> UnseenRate = g => g.Metric == Unseen;
    internal static readonly Func<MonitorGauge, bool> OutOfRangeRate = g => g.Metric == OutOfRange;

    public static IReadOnlyList<MonitorGauge> Of(IEnumerable<VersionMonitorView> views)
    {
        var gauges = new List<MonitorGauge>();
        foreach (var view in views)
        {
            foreach (var column in view.Inputs.Concat(view.Outputs))
            {
                if (column.Psi is { } psi) gauges.Add(new(DriftPsi, view.Name, view.Version, column.Name, psi));
                if (column.JsDistance is { } js) gauges.Add(new(DriftJs, view.Name, view.Version, column.Name, js));
                if (column.UnseenRate is { } unseen) gauges.Add(new(Unseen, view.Name, view.Version, column.Name, unseen));
                if (column.OutOfRangeRate is { } range) gauges.Add(new(OutOfRange, view.Name, view.Version, column.Name, range));
            }
        }
        return gauges;
    }
}
