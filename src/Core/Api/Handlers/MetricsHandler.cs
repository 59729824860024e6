using System.Text;
using Ember.Serving.Metrics;

namespace Ember.Api;

/// <summary>GET /api/metrics: every metric in the Prometheus text format.</summary>
internal static class MetricsHandler
{
    public static ApiResponse Render(EmberMetrics metrics) =>
        new(200, PrometheusTextWriter.ContentType, Encoding.UTF8.GetBytes(metrics.ToPrometheusText()), ApiRequest.EmptyMap);
}
