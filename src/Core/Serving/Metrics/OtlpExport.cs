using Ember.Configuration;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Ember.Serving.Metrics;

/// <summary>
/// Exports Ember's meters (requests, latency, cache, loads; drift and unseen-rate gauges) over
/// OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set — how Azure Monitor and other collectors receive
/// them. The standard OTEL_* variables (protocol, headers, interval) are honoured by the exporter.
/// </summary>
public static class OtlpExport
{
    /// <summary>Starts the exporter when configured; dispose the result at shutdown. Null when not configured.</summary>
    public static IDisposable? StartIfConfigured(Func<string, string?> environment, params string[] meterNames)
    {
        string? endpoint = environment(EmberSettings.OtlpEndpoint);
        if (string.IsNullOrWhiteSpace(endpoint))
            return null;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new FormatException($"{EmberSettings.OtlpEndpoint} = '{endpoint}' is not an absolute URI.");
        return Sdk.CreateMeterProviderBuilder()
            .AddMeter(meterNames.Length > 0 ? meterNames : [EmberMetrics.MeterName])
            .AddOtlpExporter(options => options.Endpoint = uri)
            .Build();
    }
}
