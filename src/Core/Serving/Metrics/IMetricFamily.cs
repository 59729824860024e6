namespace Ember.Serving.Metrics;

/// <summary>A named metric with its series, rendered in the Prometheus text format.</summary>
public interface IMetricFamily
{
    string Name { get; }

    void WriteTo(PrometheusTextWriter writer);
}
