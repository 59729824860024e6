using BenchmarkDotNet.Attributes;
using Ember.Batch;
using Ember.Serving;
using Ember.Spark;
using Ember.Storage;

namespace Ember.Benchmarks.Batch;

/// <summary>
/// The batch runner Parquet → Parquet on a zoo model (needs EMBER_SHARED_DIR): decode, score,
/// encode and commit through the file store, one job on one core.
/// </summary>
[MemoryDiagnoser]
public class BatchRunnerBenchmarks
{
    private string _dir = "";
    private ServedModel _model = null!;
    private BatchRunner _runner = null!;
    private int _run;

    [Params("iris", "linear", "wine")]
    public string Kind { get; set; } = "iris";

    [Params(200_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string zoo = Path.Combine(Environment.GetEnvironmentVariable("EMBER_SHARED_DIR") ?? "../shared", "zoo");
        string slug = Kind switch { "iris" => "jpmml-lr-iris-s210", "linear" => "gyanendra-stock-linreg-s321", _ => "deser56-wine-rf-s234" };
        var spark = SparkModelLoader.CreateDefault().Load(Path.Combine(zoo, slug, "model"));
        _model = new ServedModel(slug, "1", spark, spark.Compile(), null);
        _dir = Directory.CreateTempSubdirectory("ember-batch-bench-").FullName;
        BatchInputs.Write(Kind, Rows, Path.Combine(_dir, "in.parquet"));
        _runner = new BatchRunner(new BatchRunnerOptions { OpenStore = uri => new FileStore(uri), Summaries = false });
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark]
    public async Task<long> ParquetToParquet()
    {
        var job = BatchJobParser.Validate(new BatchJobMessage(_model.Name, null, null, Path.Combine(_dir, "in.parquet"),
            Path.Combine(_dir, $"out{_run++ % 2}.parquet"), null, null, null, null, null, null, null));
        var summary = await _runner.RunAsync(job, _ => ValueTask.FromResult(_model), new BatchRunContext(), default);
        return summary.Status == BatchSummary.Succeeded ? summary.RowsWritten : throw new InvalidOperationException(summary.Error);
    }
}
