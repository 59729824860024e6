using Ember.Monitoring;
using Ember.Testing;
using Microsoft.Playwright;

namespace Ember.Monitoring.Tests;

/// <summary>
/// The status page in a real headless Chromium: it renders the models and aliases, its charts
/// carry data, drift and unseen rates move when shifted traffic is scored, the try-it form returns
/// a prediction, and it shows nothing without the key. Keeps a screenshot at artifacts/status-page.png.
/// </summary>
public sealed class StatusPageBrowserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-page-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task StatusPage_RendersModelsChartsDrift_AndTryItPredicts()
    {
        var pipeline = DemoModel.Pipeline();
        using var hub = new MonitorHub(MonitorOptions.Default);
        var monitor = hub.Add(new ScoringMonitor("demo", "1", pipeline, DemoModel.Baseline(pipeline, _dir), hub.Options));
        DemoModel.Serve(pipeline, monitor, DemoModel.Rows(2, 1000));
        await using var api = new StandInApi(pipeline, hub, monitor);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(new Uri(api.BaseAddress, "/?code=" + StandInApi.Key).ToString());
        await page.WaitForSelectorAsync("body[data-ready=true] section.model[data-model=demo] section.version[data-version='1']");

        Assert.Contains("prod -> 1 | canary 2 10%", await page.InnerTextAsync("section.model[data-model=demo] .alias"));
        Assert.Equal("1000", await page.InnerTextAsync("section.version[data-version='1'] .rows"));
        foreach (var column in new[] { "x", "color", "probability", "__latency" })
        {
            var values = await page.EvalOnSelectorAllAsync<double[]>($".chart[data-column='{column}'] rect.bar.live, .chart[data-column='{column}'] rect.bar.latency",
                "rects => rects.map(r => Number(r.getAttribute('data-value')))");
            Assert.True(values.Length > 0 && values.Any(v => v > 0), $"chart {column} has no data");
        }
        Assert.Equal("ok", await page.InnerTextAsync("tr[data-column=x] .level"));
        Assert.Equal("0.0%", await page.InnerTextAsync("tr[data-column=color] .unseen"));

        // Shifted traffic: drift and unseen rates move on the next refresh.
        DemoModel.Serve(pipeline, monitor, DemoModel.Rows(3, 3000, mean: 2, unseenShare: 0.3));
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=true] tr[data-column=x] .level");
        Assert.Equal("drift", await page.InnerTextAsync("tr[data-column=x] .level"));
        Assert.Equal("drift", await page.InnerTextAsync("tr[data-column=color] .level"));
        double unseen = double.Parse((await page.InnerTextAsync("tr[data-column=color] .unseen")).TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(unseen, 15, 30);

        // Try it: the form is generated from the input schema and prefilled from the baseline.
        Assert.Equal("red", await page.InputValueAsync("form.try-it[data-model=demo] input[name=color]"));
        await page.FillAsync("form.try-it[data-model=demo] input[name=x]", "3.5");
        await page.ClickAsync("form.try-it[data-model=demo] button[type=submit]");
        await page.WaitForSelectorAsync("section.model[data-model=demo] pre.prediction[data-ok=true]");
        Assert.Contains("\"prediction\": 1", await page.InnerTextAsync("section.model[data-model=demo] pre.prediction"));
        Assert.Equal(1, api.Predictions);

        string artifacts = Path.Combine(Corpus.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "status-page.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task StatusPage_WithoutTheKey_ShowsTheErrorAndNoData()
    {
        var pipeline = DemoModel.Pipeline();
        using var hub = new MonitorHub(MonitorOptions.Default);
        var monitor = hub.Add(new ScoringMonitor("demo", "1", pipeline, null, hub.Options));
        await using var api = new StandInApi(pipeline, hub, monitor);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();

        await page.GotoAsync(api.BaseAddress.ToString());
        await page.WaitForSelectorAsync("#error:not([hidden])");
        Assert.Contains("401", await page.InnerTextAsync("#error"));
        Assert.Equal(0, await page.Locator("section.model").CountAsync());
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
