using System.Globalization;
using Ember.Configuration;
using Ember.Monitoring;
using Ember.Testing;
using Microsoft.Playwright;

namespace Ember.Monitoring.Tests;

/// <summary>
/// The status page in a real headless Chromium, served by the real host (ember-azure as its own
/// process, JIT build and the native one where available) over a file model store holding the
/// demo model packed with its baseline. End to end: baseline-like traffic, then shifted traffic
/// (mean shift + unseen colors) scored through predict moves drift and unseen rates in the monitor
/// API, the metrics endpoint and the page; the try-it form predicts; without the key the page shows
/// the 401 and no data. Keeps a screenshot at artifacts/status-page.png.
/// </summary>
public sealed class StatusPageBrowserTests : IDisposable
{
    private const string Key = "s3cret-key";

    private readonly string _dir = Directory.CreateTempSubdirectory("ember-page-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Builds() => AzureHostProcess.Builds();

    private async Task<AzureHostProcess> StartHostAsync(string build)
    {
        string store = Directory.CreateDirectory(Path.Combine(_dir, "store")).FullName;
        string work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;
        await DemoBundle.CreateStoreAsync(store, work);
        return await AzureHostProcess.StartAsync(build, new Dictionary<string, string>
        {
            [EmberSettings.ModelStore] = store,
            [EmberSettings.FunctionKey] = Key,
        });
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task StatusPage_OnTheRealHost_DriftMovesInApiMetricsAndPage_AndTryItPredicts(string build)
    {
        await using var host = await StartHostAsync(build);
        var traffic = new HostTraffic(host, Key);

        // Traffic drawn like the training sample: nothing drifts.
        await traffic.ScoreAsync(DemoModel.Rows(2, 1000));
        var before = await traffic.MonitorAsync();
        Assert.Equal(1000, before.Rows);
        Assert.Equal("ok", Column(before, "x").Level);
        Assert.Equal(0, Column(before, "color").UnseenRate);
        Assert.InRange(await traffic.GaugeWhenAsync(MonitorGauges.DriftPsi, "x", _ => true), 0, 0.1);
        Assert.Equal(0, await traffic.GaugeWhenAsync(MonitorGauges.Unseen, "color", _ => true));

        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(host.BaseAddress, "/?code=" + Key).ToString());
        await page.WaitForSelectorAsync("body[data-ready=true] section.model[data-model=demo] section.version[data-version='1']");

        Assert.Contains($"prod -> 1 | canary 2 {DemoBundle.CanaryWeight}%", await page.InnerTextAsync("section.model[data-model=demo] .alias"));
        Assert.Equal("1000", await page.InnerTextAsync("section.version[data-version='1'] .rows"));
        foreach (var column in new[] { "x", "color", "probability", "__latency" })
        {
            var values = await page.EvalOnSelectorAllAsync<double[]>($".chart[data-column='{column}'] rect.bar.live, .chart[data-column='{column}'] rect.bar.latency",
                "rects => rects.map(r => Number(r.getAttribute('data-value')))");
            Assert.True(values.Length > 0 && values.Any(v => v > 0), $"chart {column} has no data");
        }
        Assert.Equal("ok", await page.InnerTextAsync("tr[data-column=x] .level"));
        Assert.Equal("0.0%", await page.InnerTextAsync("tr[data-column=color] .unseen"));

        // Shifted traffic (x's mean moves by 2 standard deviations, 30% unseen colors) moves all three.
        await traffic.ScoreAsync(DemoModel.Rows(3, 3000, mean: 2, unseenShare: 0.3));
        var after = await traffic.MonitorAsync();
        Assert.Equal(4000, after.Rows);
        Assert.Equal("drift", Column(after, "x").Level);
        Assert.Equal("drift", Column(after, "color").Level);
        Assert.InRange(Column(after, "color").UnseenRate!.Value, 0.15, 0.30);
        Assert.True(await traffic.GaugeWhenAsync(MonitorGauges.DriftPsi, "x", v => v > DriftThresholds.PsiDrift) > DriftThresholds.PsiDrift);
        Assert.InRange(await traffic.GaugeWhenAsync(MonitorGauges.Unseen, "color", v => v > 0), 0.15, 0.30);

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true] tr[data-column=x] .level");
        Assert.Equal("drift", await page.InnerTextAsync("tr[data-column=x] .level"));
        Assert.Equal("drift", await page.InnerTextAsync("tr[data-column=color] .level"));
        double unseen = double.Parse((await page.InnerTextAsync("tr[data-column=color] .unseen")).TrimEnd('%'), CultureInfo.InvariantCulture);
        Assert.InRange(unseen, 15, 30);

        // Try it: the form is generated from the input schema, prefilled from the baseline, and the real predict answers.
        Assert.Equal("red", await page.InputValueAsync("form.try-it[data-model=demo] input[name=color]"));
        await page.FillAsync("form.try-it[data-model=demo] input[name=x]", "3.5");
        await page.ClickAsync("form.try-it[data-model=demo] button[type=submit]");
        await page.WaitForSelectorAsync("section.model[data-model=demo] pre.prediction[data-ok=true]");
        Assert.Contains("\"prediction\": 1", await page.InnerTextAsync("section.model[data-model=demo] pre.prediction"));
        await WaitForPredictLogLinesAsync(host, traffic.PredictRequests + 1); // the form's request reached the host's predict

        string artifacts = Path.Combine(Corpus.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "status-page.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task StatusPage_OnTheRealHost_WithoutTheKey_ShowsThe401AndNoData(string build)
    {
        await using var host = await StartHostAsync(build);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.WaitForSelectorAsync("#error:not([hidden])");

        Assert.Contains("401", await page.InnerTextAsync("#error"));
        Assert.Equal(0, await page.Locator("section.model").CountAsync());
    }

    private static ColumnMonitorView Column(VersionMonitorView view, string name) =>
        view.Inputs.Concat(view.Outputs).Single(c => c.Name == name);

    /// <summary>The host logs a request after answering it: wait a little for the count of answered predicts.</summary>
    private static async Task WaitForPredictLogLinesAsync(AzureHostProcess host, int expected)
    {
        int Count() => host.Output.Split('\n').Count(l =>
            l.Contains("\"path\":\"/api/models/demo/predict\"", StringComparison.Ordinal) && l.Contains("\"status\":200", StringComparison.Ordinal));
        for (int i = 0; i < 100 && Count() < expected; i++)
            await Task.Delay(50);
        Assert.Equal(expected, Count());
    }

    [Fact]
    public async Task Report_SelfContained_RendersChartsWithoutAnyServer()
    {
        var pipeline = DemoModel.Pipeline();
        var monitor = new ScoringMonitor("demo", "1", pipeline, DemoModel.Baseline(pipeline, _dir), MonitorOptions.Default);
        DemoModel.Serve(pipeline, monitor, DemoModel.Rows(4, 2000, mean: 2));
        string path = Path.Combine(_dir, "report.html");
        File.WriteAllText(path, StatusPage.Report(new ModelMonitorView("demo", [], [monitor.View()]), "Ember report: demo"));
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-ready=true] section.model[data-model=demo]");

        Assert.Equal("Ember report: demo", await page.InnerTextAsync("#title"));
        Assert.Equal("drift", await page.InnerTextAsync("tr[data-column=x] .level"));
        Assert.True(await page.Locator(".chart[data-column=x] rect.bar.live").CountAsync() > 0);
        Assert.Equal(0, await page.Locator("form.try-it").CountAsync());
        Assert.All(requests, u => Assert.StartsWith("file:", u));
    }
}
