using System.Text.Json;
using Ember.Monitoring;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class MetricsFormatTests
{
    [Fact]
    public void Emf_OneLinePerColumn_WithDimensionsAndMetrics()
    {
        var gauges = new[]
        {
            new MonitorGauge(MonitorGauges.DriftPsi, "iris", "3", "x", 0.3),
            new MonitorGauge(MonitorGauges.Unseen, "iris", "3", "x", 0.1),
            new MonitorGauge(MonitorGauges.DriftPsi, "iris", "3", "color", 0.01),
        };
        var lines = EmfFormatter.Lines(gauges, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        Assert.Equal(2, lines.Count);
        using var doc = JsonDocument.Parse(lines[0]);
        var root = doc.RootElement;
        Assert.Equal(1_700_000_000_000, root.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        var directive = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("Ember", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["Model", "Version", "Column"], directive.GetProperty("Dimensions")[0].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([MonitorGauges.DriftPsi, MonitorGauges.Unseen], directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()));
        Assert.Equal(0.3, root.GetProperty(MonitorGauges.DriftPsi).GetDouble());
        Assert.Equal("x", root.GetProperty("Column").GetString());
        Assert.DoesNotContain('\n', lines[0]);
    }

    [Fact]
    public void Options_FromEnvironment_ParsesAndRejects()
    {
        var env = new Dictionary<string, string> { ["EMBER_MONITOR"] = "off", ["EMBER_MONITOR_WINDOW_SECONDS"] = "60" };
        var options = MonitorOptions.FromEnvironment(k => env.GetValueOrDefault(k));
        Assert.False(options.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Window);
        env["EMBER_MONITOR_WINDOW_SECONDS"] = "5";
        var ex = Assert.Throws<FormatException>(() => MonitorOptions.FromEnvironment(k => env.GetValueOrDefault(k)));
        Assert.Contains("EMBER_MONITOR_WINDOW_SECONDS", ex.Message);
    }
}
