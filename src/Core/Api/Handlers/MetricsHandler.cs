using System.Text;
using Ember.Monitoring;
using Ember.Serving.Metrics;

namespace Ember.Api;

/// <summary>GET /api/metrics: every metric in the Prometheus text format, then the monitor's drift gauges.</summary>
internal static class MetricsHandler
{
    private static readonly string[] GaugeLabels = ["model", "version", "column"];

    public static ApiResponse Render(EmberMetrics metrics, MonitorHub? hub)
    {
        string text = metrics.ToPrometheusText();
        if (hub is not null)
            text += GaugesText(hub.Gauges());
        return new(200, PrometheusTextWriter.ContentType, Encoding.UTF8.GetBytes(text), ApiRequest.EmptyMap);
    }

    /// <summary>One gauge family per reading kind (ember_monitor_drift_psi, ..._drift_js, ..._unseen_rate, ..._out_of_range_rate).</summary>
    internal static string GaugesText(IReadOnlyList<MonitorGauge> gauges)
    {
        var writer = new PrometheusTextWriter();
        foreach (var (metric, help) in Families)
        {
            bool header = false;
            foreach (var g in gauges.Where(g => g.Metric == metric)
                         .OrderBy(g => g.Model, StringComparer.Ordinal).ThenBy(g => g.Version, StringComparer.Ordinal).ThenBy(g => g.Column, StringComparer.Ordinal))
            {
                if (!header)
                {
                    writer.Header("ember_monitor_" + metric, help, "gauge");
                    header = true;
                }
                writer.Sample("ember_monitor_" + metric, GaugeLabels, new MetricLabels(g.Model, g.Version, g.Column), null, null, g.Value);
            }
        }
        return writer.ToString();
    }

    private static readonly (string Metric, string Help)[] Families =
    [
        (MonitorGauges.DriftPsi, "Population stability index of a column against the training baseline."),
        (MonitorGauges.DriftJs, "Jensen-Shannon distance of a categorical column against the training baseline."),
        (MonitorGauges.Unseen, "Share of values the training baseline never saw."),
        (MonitorGauges.OutOfRange, "Share of values outside the training range."),
    ];
}
