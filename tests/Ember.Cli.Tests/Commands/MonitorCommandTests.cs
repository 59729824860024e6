using System.Text.Json;
using Ember.Api;
using Ember.Cli.Commands;
using Ember.Monitoring;
using Ember.Pipeline;
using Ember.Storage;
using Xunit;

namespace Ember.Cli.Tests.Commands;

public sealed class MonitorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-monitor-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two instances' snapshots of model "m" version "1" in a file store, one row of input "x" each 10 rows.</summary>
    private async Task WriteSnapshotsAsync()
    {
        using var store = new FileStore(_dir);
        var snapshots = new SnapshotStore(store);
        var builder = new PipelineBuilder(new Dictionary<string, SparkType> { ["x"] = SparkType.Double });
        builder.AddStage(new Binarizer(new StageInfo("org.apache.spark.ml.feature.Binarizer", "b", new SparkVersion(3, 5, 0), "b"), ["x"], ["y"], [0.5]));
        var pipeline = builder.Build();
        for (int i = 0; i < 2; i++)
        {
            var monitor = new ScoringMonitor("m", "1", pipeline, null, MonitorOptions.Default with { Instance = "inst" + i });
            var frame = pipeline.CreateFrame(10);
            frame.Reset(10);
            for (int r = 0; r < 10; r++)
                ((DoubleColumn)frame.Columns[pipeline.Inputs[0].Slot]).Set(r, r * 0.1);
            pipeline.DefaultPlan.Execute(frame);
            monitor.Observe(frame, pipeline.DefaultPlan);
            monitor.RecordRequest(2.0);
            foreach (var s in monitor.TakeCompleted(includeCurrent: true))
                await snapshots.WriteAsync(s);
        }
    }

    [Fact]
    public async Task Monitor_MergesSnapshotsOfAllInstances()
    {
        await WriteSnapshotsAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await MonitorCommand.RunAsync("m", _dir, "1d", null, asJson: true, output, error, CancellationToken.None));
        var view = JsonSerializer.Deserialize(output.ToString(), EmberJsonContext.Default.ModelMonitorView)!;
        var version = Assert.Single(view.Versions);
        Assert.Equal(20, version.Rows);
        Assert.Equal(2, version.Instances);
        Assert.Equal(20, version.Inputs.Single(c => c.Name == "x").Rows);

        var text = new StringWriter();
        Assert.Equal(0, await MonitorCommand.RunAsync("m", _dir, "24h", null, asJson: false, text, error, CancellationToken.None));
        Assert.Contains("2 instance(s)", text.ToString());
        Assert.Contains("no-baseline", text.ToString());
    }

    [Fact]
    public async Task Monitor_BadSince_OrNoSnapshots_SaysSo()
    {
        var error = new StringWriter();
        Assert.Equal(2, await MonitorCommand.RunAsync("m", _dir, "yesterday", null, false, new StringWriter(), error, CancellationToken.None));
        Assert.Contains("--since", error.ToString());
        error = new StringWriter();
        Assert.Equal(0, await MonitorCommand.RunAsync("nothing", _dir, "24h", null, false, new StringWriter(), error, CancellationToken.None));
        Assert.Contains("no monitoring snapshots for 'nothing'", error.ToString());
    }

    [Fact]
    public async Task Report_WritesSelfContainedHtmlWithTheMergedView()
    {
        await WriteSnapshotsAsync();
        string path = Path.Combine(_dir, "report.html");
        Assert.Equal(0, await ReportCommand.RunAsync("m", _dir, "24h", null, path, new StringWriter(), new StringWriter(), CancellationToken.None));
        string html = File.ReadAllText(path);
        Assert.Contains("window.EMBER_REPORT", html);
        Assert.Contains("\"rows\":20", html);
        Assert.DoesNotContain("/*EMBER_JS*/", html);
        Assert.DoesNotContain("<script src", html);
    }
}
