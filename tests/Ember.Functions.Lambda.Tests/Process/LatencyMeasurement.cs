using System.Diagnostics;
using System.Text.Json;
using Ember.Testing;
using Xunit.Abstractions;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// The numbers in docs/benchmarks.md ("Lambda host"): cold start (process start to the first API
/// Gateway event answered, models from S3 on moto, both as `ember push` stores them and as a plain
/// copy of Spark's folder) and warm invocation latency through the loop (event queued to answer
/// posted, Runtime API test server included), beside two baselines: the same bootstrap and settings
/// answering a first GET /api/health (no model I/O), so the cost of loading the model from S3
/// reads as a ratio, and, for the native build when EMBER_BARE_LAMBDA names it, a bare native
/// custom runtime answering its first event (the baseline). Bounds are loose guards
/// against gross regressions; the measured values are printed.
/// Run: dotnet test tests/Ember.Functions.Lambda.Tests -c Release --filter Category=Measurement
///      --logger "console;verbosity=detailed"   (EMBER_NATIVE_LAMBDA=... for the native build)
/// </summary>
[Trait("Category", "Measurement")]
public sealed class LatencyMeasurement(MotoS3 moto, ITestOutputHelper output) : IClassFixture<MotoS3>
{
    private const int ColdStarts = 5;
    private const int WarmInvocations = 300;

    public static TheoryData<string> Builds => BootstrapBuild.All();

    [Theory]
    [MemberData(nameof(Builds))]
    [Trait(Corpus.Trait, "zoo")]
    public async Task ColdStartAndWarmLatency_StayWithinLooseBounds(string build)
    {
        string model = Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-lr-iris-s210", "model");
        string pushed = $"bench-{build}-{Guid.NewGuid():N}/pushed";
        string copied = $"bench-{build}-{Guid.NewGuid():N}/copied";
        await moto.CreateBucketAsync("ember-models");
        // As `ember push` stores it (files + one pack object), and as a plain copy of Spark's folder (12 objects).
        await moto.PushAsync(model, "ember-models", pushed, "iris", "1");
        await moto.UploadDirectoryAsync(model, "ember-models", $"{copied}/iris/1");
        const string rows = """{"rows":[{"Sepal_Length":5.1,"Sepal_Width":3.5,"Petal_Length":1.4,"Petal_Width":0.2}]}""";
        string predict = TestEvents.HttpV2("POST", "/prod/api/models/iris/predict", rows, base64: true, stage: "prod");
        string health = TestEvents.HttpV2("GET", "/prod/api/health", stage: "prod");

        bool withBare = build == "native" && BootstrapBuild.BarePath is not null;
        var bare = new List<double>();
        var healthFirst = new List<double>();
        var cold = new List<double>();
        var coldCopied = new List<double>();
        List<double> warm = [];
        for (int run = 0; run < ColdStarts; run++)
        {
            // Interleaved so drift in machine load falls on all alike.
            if (withBare)
                bare.Add(await ColdStartAsync("bare", Environment(pushed), health));
            healthFirst.Add(await ColdStartAsync(build, Environment(pushed), health));
            coldCopied.Add(await ColdStartAsync(build, Environment(copied), predict));
            cold.Add(await ColdStartAsync(build, Environment(pushed), predict, run == ColdStarts - 1 ? warm : null));
        }

        bare.Sort();
        healthFirst.Sort();
        cold.Sort();
        coldCopied.Sort();
        warm.Sort();
        double healthMedian = healthFirst[healthFirst.Count / 2];
        string Ratios(List<double> sorted) => $"/ health = {sorted[sorted.Count / 2] / healthMedian:0.00}"
            + (withBare ? $", / bare = {sorted[sorted.Count / 2] / bare[bare.Count / 2]:0.00}" : "");
        output.WriteLine(withBare
            ? $"bare native custom runtime, cold start to first event answered: {Summary(bare)}"
            : $"bare native custom runtime: not measured (set {BootstrapBuild.BareVariable}, native build only)");
        output.WriteLine($"lambda host [{build}] cold start to first GET /api/health answered (no model I/O): {Summary(healthFirst)}" + (withBare ? $"; / bare = {healthMedian / bare[bare.Count / 2]:0.00}" : ""));
        output.WriteLine($"lambda host [{build}] cold start to first HTTP API predict answered, model pushed (one pack object): {Summary(cold)}; {Ratios(cold)}");
        output.WriteLine($"lambda host [{build}] cold start to first HTTP API predict answered, model copied (12 objects): {Summary(coldCopied)}; {Ratios(coldCopied)}");
        output.WriteLine($"lambda host [{build}] warm invocation through the loop: p50 {Percentile(warm, 0.50):0.000} ms, p90 {Percentile(warm, 0.90):0.000} ms, p99 {Percentile(warm, 0.99):0.000} ms ({WarmInvocations} invocations)");
        Assert.True(cold[cold.Count / 2] < 10_000, "median cold start over 10 s");
        Assert.True(Percentile(warm, 0.50) < 250, "median warm invocation over 250 ms");
    }

    private Dictionary<string, string?> Environment(string root) => new()
    {
        ["EMBER_MODEL_STORE"] = $"s3://ember-models/{root}",
        ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    private static string Summary(List<double> sorted) =>
        $"median {sorted[sorted.Count / 2]:0.0} ms, min {sorted[0]:0.0} ms, max {sorted[^1]:0.0} ms ({sorted.Count} runs)";

    /// <summary>Process start to <paramref name="firstEvent"/> answered 200; then, when asked, warm invocations timed into <paramref name="warm"/>.</summary>
    private static async Task<double> ColdStartAsync(string build, Dictionary<string, string?> environment, string firstEvent, List<double>? warm = null)
    {
        var server = await RuntimeApiTestServer.StartAsync();
        string first = server.Enqueue(firstEvent);
        long started = Stopwatch.GetTimestamp();
        var process = BootstrapProcess.Start(new BootstrapBuild(build), server.Address, environment);
        try
        {
            var outcome = await server.OutcomeAsync(first, TimeSpan.FromSeconds(60));
            double elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            using (var reply = JsonDocument.Parse(outcome.ResponseText))
                Assert.Equal(200, reply.RootElement.GetProperty("statusCode").GetInt32());
            for (int i = 0; warm is not null && i < WarmInvocations; i++)
            {
                long sent = Stopwatch.GetTimestamp();
                var again = await server.OutcomeAsync(server.Enqueue(firstEvent));
                warm.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Assert.NotNull(again.Response);
            }
            Assert.Empty(server.Violations);
            return elapsed;
        }
        finally
        {
            await process.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
