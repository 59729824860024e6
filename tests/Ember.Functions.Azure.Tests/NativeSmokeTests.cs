using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ember.Configuration;
using Ember.Functions.Azure.Tests.Support;
using Ember.Testing;

namespace Ember.Functions.Azure.Tests;

/// <summary>
/// The native AOT binary that ships (scripts/publish-native.sh), started as the Functions host
/// starts it: FUNCTIONS_CUSTOMHANDLER_PORT set, ready when "/" answers. scripts/test.sh builds it
/// and sets EMBER_NATIVE_AZURE; with CI=true a missing binary fails these tests.
/// </summary>
public sealed class NativeSmokeTests(NativeAzureProcess native) : IClassFixture<NativeAzureProcess>
{
    // The real API over samples/models: iris/1 is served, lazily loaded on the first predict.
    private const int ExpectedPredictStatus = 200;
    private const string PredictPath = "/api/models/iris/predict";
    private const string PredictBody = "{\"rows\":[{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}]}";

    [NativeFact]
    public async Task Native_Health_Is200AndLogsOneJsonLine()
    {
        var process = await native.StartAsync();

        using var response = await process.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await process.WaitForLogAsync(l => l.Contains("\"path\":\"/api/health\""));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal(200, json.GetProperty("status").GetInt32());
        Assert.Equal("GET", json.GetProperty("method").GetString());
    }

    [NativeFact]
    public async Task Native_OversizedBody_Is413ProblemJsonNot500()
    {
        var process = await native.StartAsync();

        using var response = await process.Client.PostAsync(PredictPath, new StringContent(new string('x', NativeAzureProcess.MaxBodyBytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [NativeFact]
    public async Task Native_MalformedInvocationEnvelope_Is400ProblemJsonNot500()
    {
        var process = await native.StartAsync();

        using var response = await process.Client.PostAsync("/batch", new StringContent("{\"Data\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bad_invocation", problem.GetProperty("code").GetString());
    }

    [NativeFact]
    public async Task Native_PredictRoute_Answers()
    {
        var process = await native.StartAsync();

        using var response = await process.Client.PostAsync(PredictPath, new StringContent(PredictBody, Encoding.UTF8, "application/json"));

        Assert.Equal(ExpectedPredictStatus, (int)response.StatusCode);
        Assert.Contains("setosa", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", response.Headers.GetValues("Ember-Model-Version").Single());
        var line = await process.WaitForLogAsync(l => l.Contains("\"path\":\"/api/models/iris/predict\"") && l.Contains("\"status\":200"));
        Assert.Contains("\"model\":\"iris\"", line);
        Assert.DoesNotContain("5.1", line); // never row values
    }

    [NativeFact]
    public async Task Native_PredictAsHttpEnvelope_AnswersInOutputsRes()
    {
        var process = await native.StartAsync();
        var envelope = "{\"Data\":{\"req\":{\"Url\":\"http://localhost" + PredictPath + "\",\"Method\":\"POST\",\"Query\":\"{}\","
            + "\"Headers\":{\"Content-Type\":[\"application/json\"]},\"Body\":" + JsonSerializer.Serialize(PredictBody) + "}},\"Metadata\":{}}";

        var (response, reply) = await Envelope.PostAsync(process.Client, "predict", envelope);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExpectedPredictStatus, reply.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
    }
}

/// <summary>Runs only where the native binary is available, except under CI, where its absence is a failure.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (AzureHostProcess.NativeBinary is null && !AzureHostProcess.OnCi)
            Skip = "EMBER_NATIVE_AZURE is not set: scripts/test.sh publishes the native binary and sets it.";
    }
}

/// <summary>One native ember-azure process (<see cref="AzureHostProcess"/>) for the whole class, started on first use, killed at the end.</summary>
public sealed class NativeAzureProcess : IDisposable
{
    public const int MaxBodyBytes = 64 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AzureHostProcess? _host;

    public HttpClient Client => Host.Client;

    private AzureHostProcess Host => _host ?? throw new InvalidOperationException("StartAsync first.");

    public async Task<NativeAzureProcess> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _host ??= await AzureHostProcess.StartAsync(AzureHostProcess.Native, new Dictionary<string, string>
            {
                [EmberSettings.MaxRequestBytes] = MaxBodyBytes.ToString(CultureInfo.InvariantCulture),
                [EmberSettings.ModelStore] = Path.Combine(Corpus.RepositoryRoot, "samples", "models"),
            });
            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<string> WaitForLogAsync(Func<string, bool> match) => Host.WaitForLogAsync(match);

    // xunit 2 disposes class fixtures through IDisposable only: without this the process outlived the run.
    public void Dispose()
    {
        _host?.Dispose();
        _host = null;
    }
}
