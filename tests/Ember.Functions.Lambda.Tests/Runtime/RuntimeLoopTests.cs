using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Functions.Lambda.Events;
using Ember.Functions.Lambda.Runtime;
using Ember.Functions.Lambda.Tests.Fakes;

namespace Ember.Functions.Lambda.Tests.Runtime;

public sealed class RuntimeLoopTests
{
    private readonly FakeRuntimeApiClient _api = new();
    private readonly MemoryStream _logOutput = new();

    private RuntimeLoop Loop(IApiHandler? api = null, FakeBatchHandler? jobs = null) =>
        new(_api, new EventDispatcher(api ?? new FakeApiHandler(), jobs ?? new FakeBatchHandler()), new InvocationLog(_logOutput), TimeProvider.System);

    private async Task RunUntilDrainedAsync(RuntimeLoop loop)
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(_api.Stopping));
    }

    /// <summary>
    /// Runs the loop on <paramref name="clock"/> until the queue is drained: once
    /// <paramref name="started"/> jobs have begun, moves the clock by <paramref name="advance"/>.
    /// </summary>
    private async Task RunOnManualClockAsync(FakeRuntimeApiClient runtime, ManualClock clock, IApiHandler api, FakeBatchHandler jobs, int started, TimeSpan advance)
    {
        var loop = new RuntimeLoop(runtime, new EventDispatcher(api, jobs), new InvocationLog(_logOutput), clock);
        Task run = Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(runtime.Stopping));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            lock (jobs.Runs)
                if (jobs.Runs.Count >= started) break;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"{started} job(s) did not start");
            await Task.Delay(5);
        }
        clock.Advance(advance);
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private string[] LogLines() => Encoding.UTF8.GetString(_logOutput.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task OneTurn_HttpEvent_PostsTheApiResponseAndLogsOneLine()
    {
        var invocation = _api.Enqueue(TestEvents.HttpV2("POST", "/api/models/m/predict", "{\"rows\":[]}"));

        await RunUntilDrainedAsync(Loop());

        var (id, body) = Assert.Single(_api.Responses);
        Assert.Equal(invocation.RequestId, id);
        using var reply = JsonDocument.Parse(body);
        Assert.Equal(200, reply.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("{\"ok\":true}", reply.RootElement.GetProperty("body").GetString());
        using var line = JsonDocument.Parse(Assert.Single(LogLines()));
        Assert.Equal(invocation.RequestId, line.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("http-v2", line.RootElement.GetProperty("kind").GetString());
        Assert.Equal(200, line.RootElement.GetProperty("status").GetInt32());
        Assert.True(line.RootElement.TryGetProperty("durationMs", out _));
        Assert.DoesNotContain("rows", LogLines()[0]);
    }

    [Fact]
    public async Task TraceHeader_IsTheTraceVariableWhileTheHandlerRuns()
    {
        string? seen = null;
        var api = new FakeApiHandler(_ =>
        {
            seen = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            return ApiResponse.Text(200, "ok");
        });
        _api.Enqueue(TestEvents.HttpV2("GET", "/api/health"), traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        await RunUntilDrainedAsync(Loop(api));

        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", seen);
    }

    [Fact]
    public async Task ThrowingHandler_ReportsUnhandledForThatEventOnly_AndTheLoopGoesOn()
    {
        int calls = 0;
        var api = new FakeApiHandler(_ => ++calls == 1 ? throw new InvalidOperationException("boom") : ApiResponse.Text(200, "ok"));
        var first = _api.Enqueue(TestEvents.HttpV2("GET", "/api/health"));
        var second = _api.Enqueue(TestEvents.HttpV2("GET", "/api/health"));

        await RunUntilDrainedAsync(Loop(api));

        var (id, error, _) = Assert.Single(_api.Errors);
        Assert.Equal(first.RequestId, id);
        Assert.Equal(ErrorTypes.Unhandled, error.ErrorType);
        Assert.Contains("InvalidOperationException: boom", error.ErrorMessage);
        Assert.Equal(second.RequestId, Assert.Single(_api.Responses).RequestId);
    }

    [Fact]
    public async Task InvalidEvent_ReportsInvalidEvent_AndTheLoopGoesOn()
    {
        _api.Enqueue("{\"foo\":1}");
        var good = _api.Enqueue(TestEvents.HttpV2("GET", "/api/health"));

        await RunUntilDrainedAsync(Loop());

        Assert.Equal(ErrorTypes.InvalidEvent, Assert.Single(_api.Errors).Error.ErrorType);
        Assert.Equal(good.RequestId, Assert.Single(_api.Responses).RequestId);
    }

    [Fact]
    public async Task SlowJob_HonouringCancellation_IsReportedAsDeadlineExceededBeforeTheDeadline()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var runtime = new FakeRuntimeApiClient(clock);
        var jobs = new FakeBatchHandler();
        long deadline = clock.GetUtcNow().AddMilliseconds(1500).ToUnixTimeMilliseconds();
        runtime.Enqueue(TestEvents.DirectJob(input: "slow"), deadline);

        // 500 ms before the deadline the job is asked to stop; it does, and the overrun is reported.
        await RunOnManualClockAsync(runtime, clock, new FakeApiHandler(), jobs, started: 1, advance: TimeSpan.FromMilliseconds(1000));

        var (_, error, at) = Assert.Single(runtime.Errors);
        Assert.Equal(ErrorTypes.DeadlineExceeded, error.ErrorType);
        Assert.True(at < deadline, $"reported {at - deadline} ms after the deadline");
        Assert.Equal("job", JsonDocument.Parse(LogLines()[^1]).RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task HandlerIgnoringCancellation_IsAbandonedAndReportedBeforeTheDeadline()
    {
        // A clock moved by hand: the order of cancel, abandon and report does not depend on load.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var runtime = new FakeRuntimeApiClient(clock);
        var stuck = new TaskCompletionSource<ApiResponse>();
        var api = new StuckApiHandler(stuck.Task);
        long deadline = clock.GetUtcNow().AddMilliseconds(1200).ToUnixTimeMilliseconds();
        runtime.Enqueue(TestEvents.HttpV2("GET", "/api/health"), deadline);
        var next = runtime.Enqueue(TestEvents.DirectJob());
        var loop = new RuntimeLoop(runtime, new EventDispatcher(api, new FakeBatchHandler()), new InvocationLog(_logOutput), clock);

        Task run = Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(runtime.Stopping));
        await api.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromMilliseconds(700)); // 500 ms before the deadline: asked to stop, ignores it
        await Task.Delay(50);
        Assert.Empty(runtime.Errors);
        clock.Advance(TimeSpan.FromMilliseconds(300)); // 200 ms before: abandoned and reported
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var (_, error, at) = Assert.Single(runtime.Errors);
        Assert.Equal(ErrorTypes.DeadlineExceeded, error.ErrorType);
        Assert.True(at < deadline, $"reported {at - deadline} ms after the deadline");
        Assert.Equal(next.RequestId, Assert.Single(runtime.Responses).RequestId);
        stuck.SetResult(ApiResponse.Text(200, "too late"));
    }

    [Fact]
    public async Task SqsBatch_DeadlineMidBatch_RespondsWithTheUnfinishedRecordsAsFailures()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var runtime = new FakeRuntimeApiClient(clock);
        var jobs = new FakeBatchHandler();
        long deadline = clock.GetUtcNow().AddMilliseconds(1500).ToUnixTimeMilliseconds();
        runtime.Enqueue(TestEvents.Sqs(("a", "ok"), ("b", "slow"), ("c", "ok")), deadline);

        // "b" is running when cancellation fires, 500 ms before the deadline (abandon never comes).
        await RunOnManualClockAsync(runtime, clock, new FakeApiHandler(), jobs, started: 2, advance: TimeSpan.FromMilliseconds(1000));

        Assert.Empty(runtime.Errors);
        using var reply = JsonDocument.Parse(Assert.Single(runtime.Responses).Body);
        var failed = reply.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!);
        Assert.Equal(["b", "c"], failed);
        Assert.Equal(2, jobs.Runs.Count); // "c" never started
    }

    [Fact]
    public async Task ResponseOverSixMegabytes_IsReportedAsResponseTooLarge()
    {
        var big = new byte[RuntimeLoop.MaxResponseBytes];
        var api = new FakeApiHandler(_ => new ApiResponse(200, "application/octet-stream", big, ApiRequest.EmptyMap));
        _api.Enqueue(TestEvents.HttpV2("GET", "/api/big"));

        await RunUntilDrainedAsync(Loop(api));

        Assert.Empty(_api.Responses);
        Assert.Equal(ErrorTypes.ResponseTooLarge, Assert.Single(_api.Errors).Error.ErrorType);
    }

    [Fact]
    public async Task RuntimeApiRefusingTheResponseAs413_ReportsResponseTooLarge()
    {
        _api.ResponseStatus = 413;
        _api.Enqueue(TestEvents.HttpV2("GET", "/api/health"));

        await RunUntilDrainedAsync(Loop());

        Assert.Equal(ErrorTypes.ResponseTooLarge, Assert.Single(_api.Errors).Error.ErrorType);
    }

    private sealed class StuckApiHandler(Task<ApiResponse> never) : IApiHandler
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            return never;
        }
    }
}
