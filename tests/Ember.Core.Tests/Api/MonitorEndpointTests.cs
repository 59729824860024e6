using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ember.Api;
using Ember.Bundles;
using Ember.Monitoring;
using Ember.Testing;
using Xunit;

namespace Ember.Core.Tests.Api;

/// <summary>GET /api/models/{name}/monitor, the drift gauges in /api/metrics and the status page at /, through the API.</summary>
public sealed class MonitorEndpointTests
{
    [Fact]
    public async Task Monitor_LikeBaselineThenShiftedRows_DriftAndOutOfRangeRise_InViewAndMetrics()
    {
        using var monitor = new MonitorHub(new MonitorOptions(true, TimeSpan.FromMinutes(5), "test"));
        using var host = new ApiTestHost(AddIrisBaseline, monitor: monitor);

        var like = await host.PostAsync("/api/models/iris/predict", Rows(IrisRows(seed: 2, count: 300, petalShift: 0)));
        Assert.Equal(200, like.Status);
        var calm = Column(await MonitorAsync(host), "petal_length");
        Assert.Equal(300, calm.GetProperty("rows").GetInt64());
        Assert.True(calm.GetProperty("psi").GetDouble() < 0.1, $"like-baseline rows drifted: {calm}");
        Assert.True(calm.GetProperty("outOfRangeRate").GetDouble() < 0.02, calm.ToString());

        // Petals 4 cm longer than anything in training: the same three species, out of range.
        var shifted = await host.PostAsync("/api/models/iris/predict", Rows(IrisRows(seed: 3, count: 300, petalShift: 4)));
        Assert.Equal(200, shifted.Status);
        var view = await MonitorAsync(host);
        var version = view.GetProperty("versions")[0];
        Assert.Equal("1", version.GetProperty("version").GetString());
        Assert.Equal(2, version.GetProperty("requests").GetInt64());
        Assert.Equal(600, version.GetProperty("rows").GetInt64());
        var drifted = Column(view, "petal_length");
        Assert.True(drifted.GetProperty("psi").GetDouble() > 0.25, drifted.ToString());
        Assert.True(drifted.GetProperty("outOfRangeRate").GetDouble() > 0.3, drifted.ToString());
        Assert.Equal("drift", drifted.GetProperty("level").GetString());

        string metrics = ApiTestHost.Text(await host.GetAsync("/api/metrics"));
        Assert.Contains("# TYPE ember_monitor_drift_psi gauge", metrics);
        var line = metrics.Split('\n').Single(l => l.StartsWith("ember_monitor_out_of_range_rate{model=\"iris\",version=\"1\",column=\"petal_length\"}", StringComparison.Ordinal));
        Assert.True(double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) > 0.3, line);
        Assert.Contains("ember_http_requests_total{route=\"monitor\",status=\"200\"}", metrics);
    }

    [Fact]
    public async Task Monitor_ModelNotInTheStore_Is404ModelNotFound()
    {
        using var monitor = new MonitorHub(new MonitorOptions(true, TimeSpan.FromMinutes(5), "test"));
        using var host = new ApiTestHost(monitor: monitor);
        ApiTestHost.AssertProblem(await host.GetAsync("/api/models/nope/monitor"), 404, ProblemTypes.ModelNotFound);
    }

    [Fact]
    public async Task Monitor_ModelNotScoredYet_ListsAliasesAndNoVersions()
    {
        using var monitor = new MonitorHub(new MonitorOptions(true, TimeSpan.FromMinutes(5), "test"));
        using var host = new ApiTestHost(monitor: monitor);
        var response = await host.GetAsync("/api/models/iris/monitor");
        Assert.Equal(200, response.Status);
        var view = ApiTestHost.Json(response);
        Assert.Equal("iris", view.GetProperty("name").GetString());
        Assert.Equal(0, view.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Monitor_HostWithoutMonitoring_Is404NamingTheSetting()
    {
        using var host = new ApiTestHost();
        var problem = ApiTestHost.AssertProblem(await host.GetAsync("/api/models/iris/monitor"), 404, ProblemTypes.RouteNotFound);
        Assert.Contains("EMBER_MONITOR", problem.GetProperty("detail").GetString());
        Assert.Equal(405, (await host.PostAsync("/api/models/iris/monitor", "{}")).Status);
    }

    [Fact]
    public async Task Root_IsTheStatusPage()
    {
        using var host = new ApiTestHost();
        var page = await host.GetAsync("/");
        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("<html", ApiTestHost.Text(page), StringComparison.OrdinalIgnoreCase);
        Assert.True(page.Headers.ContainsKey("Content-Security-Policy"));
        Assert.Equal(405, (await host.PostAsync("/", "{}")).Status);
    }

    private static async Task<JsonElement> MonitorAsync(ApiTestHost host)
    {
        var response = await host.GetAsync("/api/models/iris/monitor");
        Assert.True(response.Status == 200, ApiTestHost.Text(response));
        return ApiTestHost.Json(response);
    }

    private static JsonElement Column(JsonElement view, string name) =>
        view.GetProperty("versions")[0].GetProperty("inputs").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>Packs a baseline of like-iris rows into the copied store's iris/1/ember.json (not covered by the file checksums).</summary>
    private static void AddIrisBaseline(string store)
    {
        string bundle = Path.Combine(store, "iris", "1");
        var pipeline = BundleLoader.Default.Load(bundle).Pipeline;
        string sample = Path.Combine(store, "baseline.csv");
        var csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width\n");
        foreach (var r in IrisRows(seed: 1, count: 2000, petalShift: 0))
            csv.Append(string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        File.WriteAllText(sample, csv.ToString());
        var result = BaselineBuilder.Build(pipeline, sample);
        Assert.Empty(result.Problems);
        string manifestPath = Path.Combine(bundle, BundleManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["baseline"] = JsonNode.Parse(BaselineCodec.ToJsonElement(result.Baseline).GetRawText());
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.Delete(sample);
    }

    /// <summary>Rows around the three species' means (sepal length, sepal width, petal length, petal width).</summary>
    private static List<double[]> IrisRows(int seed, int count, double petalShift)
    {
        double[][] means = [[5.0, 3.4, 1.5, 0.25], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
        var random = new Random(seed);
        var rows = new List<double[]>(count);
        for (int i = 0; i < count; i++)
        {
            var m = means[i % 3];
            rows.Add([
                Math.Round(m[0] + (random.NextDouble() - 0.5) * 0.8, 2),
                Math.Round(m[1] + (random.NextDouble() - 0.5) * 0.6, 2),
                Math.Round(m[2] + (random.NextDouble() - 0.5) * 0.8 + petalShift, 2),
                Math.Round(Math.Max(0.1, m[3] + (random.NextDouble() - 0.5) * 0.4), 2),
            ]);
        }
        return rows;
    }

    private static string Rows(List<double[]> rows)
    {
        var json = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"sepal_length\":{r[0]:R},\"sepal_width\":{r[1]:R},\"petal_length\":{r[2]:R},\"petal_width\":{r[3]:R}}}");
        }
        return json.Append("]}").ToString();
    }
}
