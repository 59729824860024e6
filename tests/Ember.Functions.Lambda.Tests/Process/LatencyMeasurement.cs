using System.Diagnostics;
using System.Text.Json;
using Ember.Testing;
using Xunit.Abstractions;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// The numbers in docs/benchmarks.md ("Lambda host"): cold start (process start to the first API
/// Gateway event answered, models from S3 on moto) and warm invocation latency through the loop
/// (event queued to answer posted, Runtime API test server included), beside a baseline: the same
/// bootstrap and settings answering a first GET /api/health (no model I/O), so the cost of
/// loading the model from S3 reads as a ratio. Bounds are loose guards
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
        string prefix = $"bench-{build}-{Guid.NewGuid():N}/models";
        await moto.CreateBucketAsync("ember-models");
        await moto.UploadDirectoryAsync(Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-lr-iris-s210", "model"), "ember-models", $"{prefix}/iris/1");
        var environment = new Dictionary<string, string?>
        {
            ["EMBER_MODEL_STORE"] = $"s3://ember-models/{prefix}",
            ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        const string rows = """{"rows":[{"Sepal_Length":5.1,"Sepal_Width":3.5,"Petal_Length":1.4,"Petal_Width":0.2}]}""";
        string predict = TestEvents.HttpV2("POST", "/prod/api/models/iris/predict", rows, base64: true, stage: "prod");
        string health = TestEvents.HttpV2("GET", "/prod/api/health", stage: "prod");

        var bare = new List<double>();
        var cold = new List<double>();
        List<double> warm = [];
        for (int run = 0; run < ColdStarts; run++)
        {
            // Interleaved with the model runs so drift in machine load falls on both alike.
            bare.Add(await ColdStartWithoutModelAsync(build, environment, health));
            var server = await RuntimeApiTestServer.StartAsync();
            string first = server.Enqueue(predict);
            long started = Stopwatch.GetTimestamp();
            var process = BootstrapProcess.Start(new BootstrapBuild(build), server.Address, environment);
            try
            {
                var outcome = await server.OutcomeAsync(first, TimeSpan.FromSeconds(60));
                cold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                using (var reply = JsonDocument.Parse(outcome.ResponseText))
                    Assert.Equal(200, reply.RootElement.GetProperty("statusCode").GetInt32());
                if (run == ColdStarts - 1)
                    for (int i = 0; i < WarmInvocations; i++)
                    {
                        long sent = Stopwatch.GetTimestamp();
                        var again = await server.OutcomeAsync(server.Enqueue(predict));
                        warm.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        Assert.NotNull(again.Response);
                    }
                Assert.Empty(server.Violations);
            }
            finally
            {
                await process.DisposeAsync();
                await server.DisposeAsync();
            }
        }

        bare.Sort();
        cold.Sort();
        warm.Sort();
        double coldMedian = cold[cold.Count / 2], bareMedian = bare[bare.Count / 2];
        output.WriteLine($"lambda host [{build}] cold start to first HTTP API event answered: median {coldMedian:0.0} ms, min {cold[0]:0.0} ms, max {cold[^1]:0.0} ms ({ColdStarts} runs)");
        output.WriteLine($"lambda host [{build}] cold start to first GET /api/health answered (no model I/O): median {bareMedian:0.0} ms, min {bare[0]:0.0} ms, max {bare[^1]:0.0} ms ({ColdStarts} runs); with model / without = {coldMedian / bareMedian:0.00}");
        output.WriteLine($"lambda host [{build}] warm invocation through the loop: p50 {Percentile(warm, 0.50):0.000} ms, p90 {Percentile(warm, 0.90):0.000} ms, p99 {Percentile(warm, 0.99):0.000} ms ({WarmInvocations} invocations)");
        Assert.True(cold[cold.Count / 2] < 10_000, "median cold start over 10 s");
        Assert.True(Percentile(warm, 0.50) < 250, "median warm invocation over 250 ms");
    }

    /// <summary>Process start to a first event answered 200 that touches no model.</summary>
    private static async Task<double> ColdStartWithoutModelAsync(string build, Dictionary<string, string?> environment, string healthEvent)
    {
        var server = await RuntimeApiTestServer.StartAsync();
        string first = server.Enqueue(healthEvent);
        long started = Stopwatch.GetTimestamp();
        var process = BootstrapProcess.Start(new BootstrapBuild(build), server.Address, environment);
        try
        {
            var outcome = await server.OutcomeAsync(first, TimeSpan.FromSeconds(60));
            double elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            using (var reply = JsonDocument.Parse(outcome.ResponseText))
                Assert.Equal(200, reply.RootElement.GetProperty("statusCode").GetInt32());
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
