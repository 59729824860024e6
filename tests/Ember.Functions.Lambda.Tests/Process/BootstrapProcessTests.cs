using System.Text.Json;
using Ember.Testing;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// The real bootstrap process (JIT build; native build too when EMBER_NATIVE_LAMBDA is set, and
/// required on CI) driven through the Runtime API test server.
/// </summary>
public sealed class BootstrapProcessTests(MotoS3 moto) : IClassFixture<MotoS3>
{

    private const string Bucket = "ember-models";
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Builds => BootstrapBuild.All();

    private static Dictionary<string, string?> StoreOnly() => new() { ["EMBER_MODEL_STORE"] = "s3://ember-models/models" };

    [Theory]
    [MemberData(nameof(Builds))]
    [Trait(Corpus.Trait, "zoo")]
    public async Task HttpPredict_ModelStoreOnMoto_AnswersThroughHttpApiV2(string build)
    {
        // A prefix per run: the moto fixture is shared by the builds' cases.
        string prefix = $"{build}-{Guid.NewGuid():N}/models";
        await moto.CreateBucketAsync(Bucket);
        await moto.UploadDirectoryAsync(Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-lr-iris-s210", "model"), Bucket, $"{prefix}/iris/1");
        Assert.Equal(12, await moto.CountObjectsAsync(Bucket, $"{prefix}/iris/1/"));
        var environment = new Dictionary<string, string?>
        {
            ["EMBER_MODEL_STORE"] = $"s3://{Bucket}/{prefix}",
            ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        await using var session = await LambdaSession.StartAsync(build, environment);

        const string rows = """{"rows":[{"Sepal_Length":5.1,"Sepal_Width":3.5,"Petal_Length":1.4,"Petal_Width":0.2}]}""";
        var outcome = await session.InvokeAsync(TestEvents.HttpV2("POST", "/prod/api/models/iris/predict", rows, base64: true, stage: "prod"));

        using var reply = JsonDocument.Parse(outcome.ResponseText);
        var root = reply.RootElement;
        Assert.True(200 == root.GetProperty("statusCode").GetInt32(), root.GetProperty("body").GetString());
        Assert.Contains("setosa", root.GetProperty("body").GetString());
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task HttpPredict_SampleStoreOnDisk_AnswersARealPredictionAndLogsTheModelVersion(string build)
    {
        var environment = new Dictionary<string, string?> { ["EMBER_MODEL_STORE"] = Path.Combine(Corpus.RepositoryRoot, "samples", "models") };
        await using var session = await LambdaSession.StartAsync(build, environment);

        const string rows = """{"rows":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""";
        var outcome = await session.InvokeAsync(TestEvents.HttpV2("POST", "/api/models/iris/predict", rows));

        using var reply = JsonDocument.Parse(outcome.ResponseText);
        Assert.Equal(200, reply.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("setosa", reply.RootElement.GetProperty("body").GetString());
        var line = Assert.Single(await InvocationLinesAsync(session, 1));
        Assert.Equal("iris", line.GetProperty("model").GetString());
        Assert.Equal("1", line.GetProperty("version").GetString());
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task HttpEvents_EveryPayloadFormat_AnswerWithApiResponsesAndLogOneLineEach(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, StoreOnly());

        using (var rest = JsonDocument.Parse((await session.InvokeAsync(TestEvents.RestV1("GET", "/api/health"))).ResponseText))
            AssertHealthy(rest.RootElement);
        using (var url = JsonDocument.Parse((await session.InvokeAsync(TestEvents.HttpV2("GET", "/api/health"))).ResponseText))
            AssertHealthy(url.RootElement);

        string badBase64 = TestEvents.HttpV2("POST", "/api/models/iris/predict", "body-secret").Replace("\"isBase64Encoded\": false", "\"isBase64Encoded\": true");
        using (var bad = JsonDocument.Parse((await session.InvokeAsync(badBase64)).ResponseText))
        {
            Assert.Equal(400, bad.RootElement.GetProperty("statusCode").GetInt32());
            Assert.Equal("application/problem+json", bad.RootElement.GetProperty("headers").GetProperty("content-type").GetString());
            Assert.Contains("base64", bad.RootElement.GetProperty("body").GetString());
        }

        session.AssertProtocolKept();
        var lines = await InvocationLinesAsync(session, 3);
        Assert.Equal(["rest-v1", "http-v2", "http-v2"], lines.Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal([200, 200, 400], lines.Select(l => l.GetProperty("status").GetInt32()));
        Assert.All(lines, l => Assert.True(l.GetProperty("durationMs").GetDouble() >= 0));
        Assert.DoesNotContain(session.Process.StdoutLines, l => l.Contains("body-secret", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task InvalidEvents_ReportInvalidEventNamingWhatWasExpected_AndTheLoopGoesOn(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, StoreOnly());
        string[] invalid =
        [
            "this is not json",
            "[1, 2, 3]",
            """{"hello": "world"}""",
            """{"Records": [{"eventSource": "aws:s3", "s3": {}}]}""",
            """{"version": "2.0", "requestContext": {"http": {}}}""",
            """{"Records": [{"eventSource": "aws:sqs", "body": "x"}]}""",
            """{"version": "2.0", "rawPath": "/api/health", "headers": 5, "requestContext": {"http": {"method": "GET"}}}""",
        ];
        foreach (string evt in invalid)
        {
            var error = (await session.InvokeAsync(evt)).RequireError();
            Assert.Equal("Ember.InvalidEvent", error.HeaderErrorType);
            Assert.Equal("Ember.InvalidEvent", error.ErrorType);
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
        }
        var unknown = (await session.InvokeAsync("""{"hello": "world"}""")).RequireError();
        Assert.Contains("expected an API Gateway HTTP API", unknown.ErrorMessage);
        Assert.Contains("hello", unknown.ErrorMessage);

        using var after = JsonDocument.Parse((await session.InvokeAsync(TestEvents.HttpV2("GET", "/api/health"))).ResponseText);
        AssertHealthy(after.RootElement);
        Assert.False(session.Process.HasExited);
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task SqsBatch_ListsExactlyTheFailedRecords(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, StoreOnly());
        // The batch runner is wired: "m-good" is a valid job, but this build cannot load models from
        // a remote store yet, so it fails (retryably) along with the bad ones.
        // LEAD: once RemoteStoresServed, put the iris model and rows on moto, expect only
        // "m-bad-1" and "m-bad-2" below, and check the committed output and summary on moto.
        string evt = TestEvents.Sqs(("m-good", TestEvents.DirectJob()), ("m-bad-1", "not a job"), ("m-bad-2", "{}"));

        using var reply = JsonDocument.Parse((await session.InvokeAsync(evt)).ResponseText);
        var ids = reply.RootElement.GetProperty("batchItemFailures").EnumerateArray()
            .Select(f => f.GetProperty("itemIdentifier").GetString()!).ToArray();
        Assert.Equal(["m-good", "m-bad-1", "m-bad-2"], ids);

        var noId = (await session.InvokeAsync("""{"Records":[{"eventSource":"aws:sqs","body":"x"}]}""")).RequireError();
        Assert.Equal("Ember.InvalidEvent", noId.ErrorType);
        Assert.Contains("messageId", noId.ErrorMessage);
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task DirectJob_RunsTheJob_AndReportsItsFailure(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, StoreOnly());

        var error = (await session.InvokeAsync(TestEvents.DirectJob())).RequireError();

        // LEAD: once RemoteStoresServed, a valid job against moto returns its summary (a response).
        // Without AWS settings the output's store cannot be reached: the job fails naming it.
        Assert.StartsWith("Ember.Job", error.ErrorType);
        Assert.Contains("s3://out", error.ErrorMessage);

        var rejected = (await session.InvokeAsync(TestEvents.DirectJob().Replace("}", ", \"onError\": \"ignore\" }"))).RequireError();
        Assert.Equal("Ember.JobRejected", rejected.ErrorType); // a bad message is never retried
        Assert.Contains("'onError'", rejected.ErrorMessage);
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task DeadlineOverrun_ReportsDeadlineExceededBeforeTheDeadline_AndTheNextEventIsServed(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, StoreOnly());
        // Warm the path first so the overrun measures the host, not the first JIT compile.
        await session.InvokeAsync(TestEvents.HttpV2("GET", "/api/health"));

        var error = (await session.InvokeAsync(TestEvents.HttpV2("GET", "/api/health"), timeout: TimeSpan.FromMilliseconds(400))).RequireError();

        Assert.Equal("Ember.DeadlineExceeded", error.ErrorType);
        Assert.Equal("Ember.DeadlineExceeded", error.HeaderErrorType);
        using var next = JsonDocument.Parse((await session.InvokeAsync(TestEvents.HttpV2("GET", "/api/health"))).ResponseText);
        AssertHealthy(next.RootElement);
        session.AssertProtocolKept(); // includes: nothing was answered after its deadline
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task InitFailure_BadModelStore_ReportsInitErrorAndExitsWithoutPolling(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, new Dictionary<string, string?> { ["EMBER_MODEL_STORE"] = "ftp://models.example/m" });

        var report = await session.Server.InitErrorAsync(TimeSpan.FromSeconds(30));
        int exit = await session.Process.WaitForExitAsync(ExitWait);

        Assert.Equal("Ember.InvalidConfiguration", report.Error.HeaderErrorType);
        Assert.Equal("Ember.InvalidConfiguration", report.Error.ErrorType);
        Assert.Contains("EMBER_MODEL_STORE", report.Error.ErrorMessage);
        Assert.NotEqual(0, exit);
        Assert.Equal(0, session.Server.NextCalls);
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task InitFailure_NoModelStore_ReportsInitErrorNamingTheSetting(string build)
    {
        await using var session = await LambdaSession.StartAsync(build, new Dictionary<string, string?>());

        var report = await session.Server.InitErrorAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("EMBER_MODEL_STORE is not set", report.Error.ErrorMessage);
        Assert.NotEqual(0, await session.Process.WaitForExitAsync(ExitWait));
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Preload_OnDemand_RunsAlongsideTheFirstPoll_SoTheFirstEventDoesNotWaitForIt(string build)
    {
        using var silent = new SilentEndpoint();
        await using var session = await LambdaSession.StartAsync(build, PreloadFrom(silent, initialization: "on-demand"));

        await silent.FirstConnection.WaitAsync(TimeSpan.FromSeconds(30));
        // The preload's request hangs, and the host still polls and answers.
        using var health = JsonDocument.Parse((await session.InvokeAsync(TestEvents.HttpV2("GET", "/api/health"))).ResponseText);
        AssertHealthy(health.RootElement);
        Assert.DoesNotContain(session.Process.StdoutLines, l => l.Contains("Preload finished", StringComparison.Ordinal));
        session.AssertProtocolKept();
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Preload_ProvisionedConcurrency_IsWarmBeforeTheFirstPoll(string build)
    {
        using var silent = new SilentEndpoint();
        await using var session = await LambdaSession.StartAsync(build, PreloadFrom(silent, initialization: "provisioned-concurrency"));

        await silent.FirstConnection.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, session.Server.NextCalls); // polling would freeze the sandbox with the load in flight

        silent.Close(); // the load fails (after its retries), is logged, and the host goes on
        await session.Server.FirstNext.WaitAsync(TimeSpan.FromSeconds(60));
        var lines = session.Process.StdoutLines;
        int finished = lines.ToList().FindIndex(l => l.Contains("Preload finished", StringComparison.Ordinal) && l.Contains("0 of 1", StringComparison.Ordinal));
        int ready = lines.ToList().FindIndex(l => l.Contains("\"event\":\"init\"", StringComparison.Ordinal));
        Assert.True(finished >= 0 && finished < ready, session.Process.Describe());
        Assert.Contains(lines, l => l.Contains("\"warn\"", StringComparison.Ordinal) && l.Contains("preload iris", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> PreloadFrom(SilentEndpoint endpoint, string initialization) => new()
    {
        ["EMBER_MODEL_STORE"] = "s3://ember-models/models",
        ["EMBER_PRELOAD"] = "iris",
        ["AWS_ENDPOINT_URL_S3"] = endpoint.Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_LAMBDA_INITIALIZATION_TYPE"] = initialization,
    };

    internal static void AssertHealthy(JsonElement reply)
    {
        Assert.Equal(200, reply.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("application/json", reply.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.False(reply.GetProperty("isBase64Encoded").GetBoolean());
        using var health = JsonDocument.Parse(reply.GetProperty("body").GetString()!);
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
    }

    // The log line is written after the answer is posted, so give it a moment to arrive.
    private static async Task<List<JsonElement>> InvocationLinesAsync(LambdaSession session, int expected)
    {
        for (int attempt = 0; ; attempt++)
        {
            var lines = session.Process.StdoutLines
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.TryGetProperty("event", out var kind) && kind.GetString() == "invocation")
                .ToList();
            if (lines.Count >= expected || attempt == 50) return lines;
            await Task.Delay(100);
        }
    }
}
