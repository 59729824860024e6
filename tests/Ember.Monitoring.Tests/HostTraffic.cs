using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Serving;
using Ember.Testing;

namespace Ember.Monitoring.Tests;

/// <summary>
/// Talks to the real host as a client would: scores rows through POST /api/models/demo/predict,
/// reads GET /api/models/demo/monitor and the drift gauges in GET /api/metrics, with the function key.
/// </summary>
internal sealed class HostTraffic(AzureHostProcess host, string key)
{
    private const int RowsPerRequest = 100;

    /// <summary>A routing key whose bucket is past the canary's weight: every request lands on the stable version, on every instance.</summary>
    private static readonly string StableRoutingKey = Enumerable.Range(0, 1000).Select(i => "client-" + i)
        .First(k => CanaryRouting.Bucket(DemoBundle.Name, k) >= DemoBundle.CanaryWeight);

    public int PredictRequests { get; private set; }

    public async Task ScoreAsync((double X, string Color)[] rows)
    {
        for (int start = 0; start < rows.Length; start += RowsPerRequest)
        {
            var body = new StringBuilder("{\"rows\":[");
            for (int r = start; r < Math.Min(rows.Length, start + RowsPerRequest); r++)
                body.Append(r == start ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"x\":{rows[r].X:R},\"color\":\"{rows[r].Color}\"}}");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/models/{DemoBundle.Name}/predict")
            {
                Content = new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-functions-key", key);
            request.Headers.Add("Ember-Routing-Key", StableRoutingKey);
            using var response = await host.Client.SendAsync(request);
            PredictRequests++;
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"predict answered {(int)response.StatusCode}: {text}");
            Assert.Equal("1", response.Headers.GetValues("Ember-Model-Version").Single());
        }
    }

    /// <summary>The monitor view of the stable version, 1.</summary>
    public async Task<VersionMonitorView> MonitorAsync()
    {
        string json = await GetAsync($"/api/models/{DemoBundle.Name}/monitor");
        var view = JsonSerializer.Deserialize(json, EmberJsonContext.Default.ModelMonitorView)!;
        return Assert.Single(view.Versions, v => v.Version == "1");
    }

    /// <summary>ember_monitor_&lt;metric&gt; of version 1's <paramref name="column"/> in the Prometheus text of /api/metrics, or null.</summary>
    public async Task<double?> GaugeAsync(string metric, string column)
    {
        string prefix = $"ember_monitor_{metric}{{model=\"{DemoBundle.Name}\",version=\"1\",column=\"{column}\"}} ";
        foreach (string line in (await GetAsync("/api/metrics")).Split('\n'))
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary>Polls a gauge until it passes <paramref name="accept"/>: the host caches its gauge readings for a few seconds.</summary>
    public async Task<double> GaugeWhenAsync(string metric, string column, Func<double, bool> accept)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        double? last;
        while (!((last = await GaugeAsync(metric, column)) is { } value && accept(value)))
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"ember_monitor_{metric} of {column} stayed at {last?.ToString(CultureInfo.InvariantCulture) ?? "(absent)"}");
            await Task.Delay(250);
        }
        return last.Value;
    }

    private async Task<string> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key);
        using var response = await host.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
