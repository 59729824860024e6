using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Ember.Api;
using Ember.Bundles;
using Ember.Monitoring;
using Ember.Pipeline;
using Ember.Serving;
using Ember.Spark;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Benchmarks.Monitoring;

/// <summary>
/// What drift monitoring adds to a whole predict request, as a user pays it: the same
/// jpmml-gbt-audit-s340 pipeline as <see cref="MonitorOverheadBenchmarks"/>, packed with its
/// baseline and served from a file store, a POST /api/models/audit/predict (JSON in, JSON out)
/// through <see cref="EmberApi"/> with and without a <see cref="MonitorHub"/>. Run in-process, as
/// the other monitoring benchmark.
/// </summary>
[MemoryDiagnoser]
public class ApiMonitorOverheadBenchmarks
{
    private string _store = null!;
    private ModelCache _models = null!;
    private EmberApi _plain = null!;
    private EmberApi _monitored = null!;
    private MonitorHub _hub = null!;
    private ApiRequest _request = null!;

    [Params(1, 1000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string zoo = Path.Combine(MonitorOverheadBenchmarks.SharedDirectory(), "zoo", "jpmml-gbt-audit-s340");
        string csv = Path.Combine(zoo, "data", "Audit.csv");
        var declared = SparkSchema.ToTypeMap(SparkSchema.Parse(File.ReadAllText(Path.Combine(zoo, "data", "Audit.schema.json"))));
        _store = Directory.CreateTempSubdirectory("ember-bench-api-").FullName;
        string bundle = Path.Combine(_store, "_bundle");
        CompiledPipeline? pipeline = null;
        new BundleWriter().Pack(Path.Combine(zoo, "model"), new PackOptions("audit", "1", DeclaredTypes: declared, Baseline: p =>
        {
            pipeline = p;
            return BaselineCodec.ToJsonElement(BaselineBuilder.Build(p, csv).Baseline);
        }), bundle);
        using (var files = new FileStore(Path.Combine(_store, "models")))
            new ModelRepository(files).PushAsync("audit", "1", bundle).GetAwaiter().GetResult();

        _models = ModelCache.ForStore(Path.Combine(_store, "models"), _ => null);
        _hub = new MonitorHub(MonitorOptions.Default with { Window = TimeSpan.FromDays(1) });
        _plain = new EmberApi(_models, new ApiOptions { MaxRows = 10_000 });
        _monitored = new EmberApi(_models, new ApiOptions { MaxRows = 10_000 }, _hub);
        _request = new ApiRequest("POST", "/api/models/audit/predict", ApiRequest.EmptyMap,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = "application/json" },
            Body(pipeline!, csv, Rows));
        foreach (var api in new[] { _plain, _monitored })
        {
            var response = api.HandleAsync(_request, CancellationToken.None).GetAwaiter().GetResult();
            if (response.Status != 200)
                throw new InvalidOperationException($"predict answered {response.Status}: {Encoding.UTF8.GetString(response.Body.Span)}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hub.Dispose();
        _models.Dispose();
        Directory.Delete(_store, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int Predict() => _plain.HandleAsync(_request, CancellationToken.None).GetAwaiter().GetResult().Status;

    [Benchmark]
    public int PredictMonitored() => _monitored.HandleAsync(_request, CancellationToken.None).GetAwaiter().GetResult().Status;

    /// <summary>{"rows": [...]} with the first <paramref name="rows"/> rows of the case's CSV, typed as the pipeline reads them.</summary>
    private static byte[] Body(CompiledPipeline pipeline, string csv, int rows)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var inputs = pipeline.DefaultPlan.RequiredInputs;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("rows");
            foreach (string line in lines.Skip(1).Take(rows))
            {
                var cells = line.Split(',');
                json.WriteStartObject();
                foreach (var input in inputs)
                {
                    string cell = cells[Array.FindIndex(header, h => string.Equals(h, input.Name, StringComparison.OrdinalIgnoreCase))];
                    switch (cell.Length == 0 ? null : TextValues.Parse(cell, input.Type, out _))
                    {
                        case null: json.WriteNull(input.Name); break;
                        case string s: json.WriteString(input.Name, s); break;
                        case bool b: json.WriteBoolean(input.Name, b); break;
                        case IConvertible number: json.WriteNumber(input.Name, number.ToDouble(null)); break;
                        default: throw new InvalidOperationException($"{input.Name}: no JSON form for {cell}");
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
