using Ember.Monitoring;
using Ember.Pipeline;
using Xunit;

namespace Ember.Core.Tests.Monitoring;

public sealed class ScoringMonitorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-monitor-").FullName;
    private readonly CompiledPipeline _pipeline = MonitoringSamples.Pipeline();
    private readonly ManualTime _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Baseline_FromCsvSample_ProfilesInputsAndOutputs()
    {
        var baseline = Baseline();
        Assert.Equal(4000, baseline.Rows);
        Assert.Equal(["x", "color"], baseline.Inputs.Select(c => c.Name).Order().Reverse());
        Assert.Equal("numeric", baseline.Inputs.Single(c => c.Name == "x").Kind);
        Assert.Equal(3, baseline.Inputs.Single(c => c.Name == "color").Categorical!.Values.Count);
        Assert.Contains(baseline.Outputs, c => c.Name == "prediction" && c.Kind == "class");
        Assert.Contains(baseline.Outputs, c => c.Name == "probability" && c.Kind == "probability" && c.Probability!.Classes.Length == 2);
        Assert.DoesNotContain(baseline.Outputs, c => c.Name == "rawPrediction");
    }

    [Fact]
    public void Monitor_SampleLikeBaseline_NoDrift_ShiftedSample_DriftAndUnseen()
    {
        var monitor = new ScoringMonitor("m", "1", _pipeline, Baseline(), MonitorOptions.Default, _time);
        var frame = _pipeline.CreateFrame(500);
        for (int batch = 0; batch < 4; batch++)
            monitor.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(100 + batch, 500), frame), _pipeline.DefaultPlan);
        var calm = monitor.View();
        Assert.All(calm.Inputs, c => Assert.Equal(DriftThresholds.Ok, c.Level));
        Assert.Equal(0.0, calm.Inputs.Single(c => c.Name == "color").UnseenRate);
        Assert.Equal(2000, calm.Rows);

        var shifted = new ScoringMonitor("m", "2", _pipeline, Baseline(), MonitorOptions.Default, _time);
        for (int batch = 0; batch < 4; batch++)
            shifted.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(200 + batch, 500, mean: 1.5, unseenShare: 0.2), frame), _pipeline.DefaultPlan);
        var view = shifted.View();
        var x = view.Inputs.Single(c => c.Name == "x");
        var color = view.Inputs.Single(c => c.Name == "color");
        Assert.Equal(DriftThresholds.Drift, x.Level);
        Assert.True(x.OutOfRangeRate > 0.01, $"out of range {x.OutOfRangeRate}");
        Assert.InRange(color.UnseenRate!.Value, 0.15, 0.25);
        Assert.Equal(DriftThresholds.Drift, color.Level);
        Assert.Contains(view.Outputs, c => c.Name == "probability" && c.Psi > DriftThresholds.PsiWarn);
    }

    [Fact]
    public void Observe_WarmMonitor_AllocatesNothing()
    {
        var monitor = new ScoringMonitor("m", "1", _pipeline, Baseline(), MonitorOptions.Default, _time);
        var frame = MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(5, 256, unseenShare: 0.1));
        monitor.Observe(frame, _pipeline.DefaultPlan);
        monitor.RecordRequest(1.5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            monitor.Observe(frame, _pipeline.DefaultPlan);
            monitor.RecordRequest(1.5);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ObserveWithLatency_WarmMonitor_AllocatesNothing()
    {
        var monitor = new ScoringMonitor("m", "1", _pipeline, Baseline(), MonitorOptions.Default, _time);
        var frame = MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(5, 1, unseenShare: 0.1));
        monitor.Observe(frame, _pipeline.DefaultPlan, 1.5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
            monitor.Observe(frame, _pipeline.DefaultPlan, 1.5);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ObserveWithLatency_CountsRowsAndOneRequest_LikeObserveThenRecordRequest()
    {
        var rows = MonitoringSamples.Rows(3, 40);
        var together = new ScoringMonitor("m", "1", _pipeline, Baseline(), MonitorOptions.Default, _time);
        together.Observe(MonitoringSamples.Score(_pipeline, rows), _pipeline.DefaultPlan, 7.0);
        var apart = new ScoringMonitor("m", "1", _pipeline, Baseline(), MonitorOptions.Default, _time);
        apart.Observe(MonitoringSamples.Score(_pipeline, rows), _pipeline.DefaultPlan);
        apart.RecordRequest(7.0);

        var a = Assert.Single(together.TakeCompleted(includeCurrent: true));
        var b = Assert.Single(apart.TakeCompleted(includeCurrent: true));
        Assert.Equal(1, a.Requests);
        Assert.Equal(40, a.Rows);
        Assert.Equal(b.Requests, a.Requests);
        Assert.Equal(b.Rows, a.Rows);
        Assert.Equal(b.LatencyMs.Counts, a.LatencyMs.Counts);
        Assert.Equal(b.Inputs.Select(c => c.Count), a.Inputs.Select(c => c.Count));
        Assert.Equal(b.Outputs.Select(c => c.Count), a.Outputs.Select(c => c.Count));
    }

    [Fact]
    public void Window_RollsOver_CompletedWindowBecomesSnapshot()
    {
        var options = MonitorOptions.Default with { Window = TimeSpan.FromMinutes(1) };
        var monitor = new ScoringMonitor("m", "1", _pipeline, Baseline(), options, _time);
        monitor.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(1, 100)), _pipeline.DefaultPlan);
        monitor.RecordRequest(3);
        Assert.Empty(monitor.TakeCompleted());
        _time.Advance(TimeSpan.FromSeconds(61));
        monitor.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(2, 50)), _pipeline.DefaultPlan);
        var snapshots = monitor.TakeCompleted();
        var snapshot = Assert.Single(snapshots);
        Assert.Equal(100, snapshot.Rows);
        Assert.Equal(1, snapshot.Requests);
        Assert.Equal(options.Instance, snapshot.Instance);
        // The view spans the finished window and the current one.
        Assert.Equal(150, monitor.View().Rows);
        var last = Assert.Single(monitor.TakeCompleted(includeCurrent: true));
        Assert.Equal(50, last.Rows);
    }

    [Fact]
    public void Window_SystemClock_RollsOverWhenItsTimeHasCome()
    {
        // The system clock's window end is signalled by a timer (frames do not read the clock).
        var options = MonitorOptions.Default with { Window = TimeSpan.FromMilliseconds(200) };
        var monitor = new ScoringMonitor("m", "1", _pipeline, Baseline(), options);
        monitor.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(1, 30)), _pipeline.DefaultPlan, 2.0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<MonitorSnapshot> completed;
        while ((completed = monitor.TakeCompleted()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the 200 ms window never ended");
            Thread.Sleep(50);
        }
        Assert.Equal(30, completed[0].Rows);
        monitor.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(2, 7)), _pipeline.DefaultPlan, 2.0);
        var snapshots = monitor.TakeCompleted(includeCurrent: true);
        Assert.Equal(7, snapshots[^1].Rows);
        Assert.Equal(37, completed.Sum(c => c.Rows) + snapshots.Sum(c => c.Rows));
    }

    [Fact]
    public void Monitor_SystemClock_NoLongerUsed_CanBeCollected()
    {
        var weak = CreateAndDrop();
        for (int i = 0; i < 5 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive, "the window timer keeps the monitor alive");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference CreateAndDrop()
    {
        var monitor = new ScoringMonitor("m", "1", _pipeline, null, MonitorOptions.Default with { Window = TimeSpan.FromHours(1) });
        monitor.Observe(MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(1, 3)), _pipeline.DefaultPlan, 1.0);
        return new WeakReference(monitor);
    }

    [Fact]
    public void Observe_PlanWithoutAnInput_DoesNotProfileIt()
    {
        var monitor = new ScoringMonitor("m", "1", _pipeline, null, MonitorOptions.Default, _time);
        var plan = _pipeline.PlanFor(["colorIndex"], out _)!;
        var frame = MonitoringSamples.Score(_pipeline, MonitoringSamples.Rows(1, 10));
        monitor.Observe(frame, plan);
        var view = monitor.View();
        Assert.Equal(10, view.Inputs.Single(c => c.Name == "color").Rows);
        Assert.Equal(0, view.Inputs.Single(c => c.Name == "x").Rows);
        Assert.All(view.Outputs, c => Assert.Equal(0, c.Rows));
        Assert.All(view.Inputs, c => Assert.Equal(DriftThresholds.NoBaseline, c.Level));
    }

    internal ModelBaseline Baseline()
    {
        string csv = Path.Combine(_dir, "train.csv");
        if (!File.Exists(csv))
            MonitoringSamples.WriteCsv(csv, MonitoringSamples.Rows(1, 4000));
        return BaselineBuilder.Build(_pipeline, csv, time: _time).Baseline;
    }
}
