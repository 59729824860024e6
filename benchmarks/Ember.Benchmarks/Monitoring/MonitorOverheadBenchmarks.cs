using BenchmarkDotNet.Attributes;
using Ember.Monitoring;
using Ember.Pipeline;
using Ember.Spark;

namespace Ember.Benchmarks.Monitoring;

/// <summary>
/// What drift monitoring adds to scoring: the zoo's jpmml-gbt-audit-s340 pipeline (StringIndexer,
/// Interaction, Binarizer, OneHotEncoder, ChiSqSelector, VectorAssembler, GBTClassifier over 9
/// inputs, 4 of them categorical) scored with and without
/// <see cref="ScoringMonitor.Observe(Frame, ScoringPlan, double)"/> (frame and request in one call, as the API does), the monitor holding the baseline built from the case's own data, as in
/// serving. Rows = 1 is a single-row request; Rows = 1000 a batch. Needs the shared zoo
/// (EMBER_SHARED_DIR, default ../shared beside the repository). MonitorOnly observes an already
/// scored frame: the monitor's own cost, less noisy than the difference of the other two.
/// No job attribute: run it in-process (see docs/benchmarks.md), because on a busy 2-core machine
/// BenchmarkDotNet's generated project does not build within its 2-minute limit.
/// </summary>
[MemoryDiagnoser]
public class MonitorOverheadBenchmarks
{
    private CompiledPipeline _pipeline = null!;
    private ScoringMonitor _monitor = null!;
    private Frame _frame = null!;
    private object?[][] _rows = null!;
    private int[] _slots = null!;

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string zoo = Path.Combine(SharedDirectory(), "zoo", "jpmml-gbt-audit-s340");
        var model = SparkModelLoader.CreateDefault().Load(Path.Combine(zoo, "model"));
        var declared = SparkSchema.ToTypeMap(SparkSchema.Parse(File.ReadAllText(Path.Combine(zoo, "data", "Audit.schema.json"))));
        _pipeline = model.Compile(declared);
        string csv = Path.Combine(zoo, "data", "Audit.csv");
        var baseline = BaselineBuilder.Build(_pipeline, csv).Baseline;
        _monitor = new ScoringMonitor("audit", "1", _pipeline, baseline, MonitorOptions.Default with { Window = TimeSpan.FromDays(1) });

        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var inputs = _pipeline.DefaultPlan.RequiredInputs;
        _slots = inputs.Select(i => i.Slot).ToArray();
        var index = inputs.Select(i => Array.FindIndex(header, h => string.Equals(h, i.Name, StringComparison.OrdinalIgnoreCase))).ToArray();
        _rows = lines.Skip(1).Take(1000).Select(line =>
        {
            var cells = line.Split(',');
            return inputs.Select((input, c) => cells[index[c]].Length == 0 ? null : TextValues.Parse(cells[index[c]], input.Type, out _)).ToArray();
        }).ToArray();
        _frame = _pipeline.CreateFrame(Rows);
        Fill();
        _pipeline.DefaultPlan.Execute(_frame);
    }

    [Benchmark(Baseline = true)]
    public int Score()
    {
        Fill();
        _pipeline.DefaultPlan.Execute(_frame);
        return _frame.RowCount;
    }

    [Benchmark]
    public int ScoreAndMonitor()
    {
        Fill();
        _pipeline.DefaultPlan.Execute(_frame);
        _monitor.Observe(_frame, _pipeline.DefaultPlan, 1.0);
        return _frame.RowCount;
    }

    [Benchmark]
    public int MonitorOnly()
    {
        _monitor.Observe(_frame, _pipeline.DefaultPlan, 1.0);
        return _frame.RowCount;
    }

    private void Fill()
    {
        _frame.Reset(Rows);
        for (int r = 0; r < Rows; r++)
        {
            var row = _rows[r % _rows.Length];
            for (int c = 0; c < _slots.Length; c++)
                FrameValues.TrySet(_frame.Columns[_slots[c]], r, row[c]);
        }
    }

    internal static string SharedDirectory()
    {
        if (Environment.GetEnvironmentVariable("EMBER_SHARED_DIR") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ember.slnx")))
                return Path.Combine(dir.FullName, "..", "shared");
        throw new InvalidOperationException("Set EMBER_SHARED_DIR to the shared folder holding zoo/.");
    }
}
