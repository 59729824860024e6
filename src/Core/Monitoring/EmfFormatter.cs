using System.Text;
using System.Text.Json;

namespace Ember.Monitoring;

/// <summary>
/// CloudWatch Embedded Metric Format: a JSON log line that CloudWatch Logs turns into metrics
/// with no agent, which is how a Lambda function publishes its gauges (written to stdout).
/// One line per model version and column, metrics named as <see cref="MonitorGauge.Metric"/>,
/// dimensions Model, Version, Column, namespace "Ember".
/// </summary>
public static class EmfFormatter
{
    public const string Namespace = "Ember";

    public static IReadOnlyList<string> Lines(IReadOnlyList<MonitorGauge> gauges, DateTimeOffset timestamp)
    {
        var lines = new List<string>();
        foreach (var group in gauges.GroupBy(g => (g.Model, g.Version, g.Column)))
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteStartObject("_aws");
                w.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
                w.WriteStartArray("CloudWatchMetrics");
                w.WriteStartObject();
                w.WriteString("Namespace", Namespace);
                w.WriteStartArray("Dimensions");
                w.WriteStartArray();
                w.WriteStringValue("Model");
                w.WriteStringValue("Version");
                w.WriteStringValue("Column");
                w.WriteEndArray();
                w.WriteEndArray();
                w.WriteStartArray("Metrics");
                foreach (var g in group)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", g.Metric);
                    w.WriteString("Unit", "None");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteString("Model", group.Key.Model);
                w.WriteString("Version", group.Key.Version);
                w.WriteString("Column", group.Key.Column);
                foreach (var g in group)
                    w.WriteNumber(g.Metric, g.Value);
                w.WriteEndObject();
            }
            lines.Add(Encoding.UTF8.GetString(buffer.ToArray()));
        }
        return lines;
    }
}
