using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// A Lambda Runtime API (2018-06-01) for tests, on a free 127.0.0.1 port, following the documented
/// protocol: /next long-polls and hands out one event at a time with the request-id, deadline,
/// function-ARN and trace headers; /response and /error are accepted (202) once per handed-out
/// invocation, an unknown or repeated id gets 400, a response over 6 MB gets 413, and
/// /init/error is accepted only before the first /next (403 after). Anything a real Lambda would
/// punish (answering late, a second /next while an invocation is open, error posts without their
/// header or body) is recorded in <see cref="Violations"/>.
/// </summary>
internal sealed class RuntimeApiTestServer : IAsyncDisposable
{
    public const int MaxResponseBytes = 6 * 1024 * 1024;
    private const string Base = "/2018-06-01/runtime";
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:ember-test";

    private readonly WebApplication _app;
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>();
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly TaskCompletionSource<InitErrorReport> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly TaskCompletionSource _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _open;
    private int _nextCalls;

    private RuntimeApiTestServer(WebApplication app) => _app = app;

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    public IReadOnlyCollection<string> Violations => _violations;

    public int NextCalls => Volatile.Read(ref _nextCalls);

    /// <summary>Completes when the runtime first asks for an event (its init is done).</summary>
    public Task FirstNext => _firstNext.Task;

    public static async Task<RuntimeApiTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RuntimeApiTestServer(app);
        app.MapGet($"{Base}/invocation/next", server.NextAsync);
        app.MapPost($"{Base}/invocation/{{id}}/response", (HttpContext c, string id) => server.CompleteAsync(c, id, isError: false));
        app.MapPost($"{Base}/invocation/{{id}}/error", (HttpContext c, string id) => server.CompleteAsync(c, id, isError: true));
        app.MapPost($"{Base}/init/error", server.InitErrorAsync);
        await app.StartAsync();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(url).Authority;
        return server;
    }

    /// <summary>Queues an event; returns its request id. The deadline is now + timeout.</summary>
    public string Enqueue(string eventJson, TimeSpan? timeout = null, string? traceId = null)
    {
        string id = Guid.NewGuid().ToString();
        var pending = new Pending(timeout ?? TimeSpan.FromSeconds(30));
        _pending[id] = pending;
        _queue.Writer.TryWrite(new Queued(id, Encoding.UTF8.GetBytes(eventJson), traceId, pending));
        return id;
    }

    /// <summary>What the runtime posted back for an invocation.</summary>
    public async Task<InvocationOutcome> OutcomeAsync(string requestId, TimeSpan? wait = null)
    {
        var pending = _pending[requestId];
        return await pending.Outcome.Task.WaitAsync(wait ?? TimeSpan.FromSeconds(30));
    }

    public Task<InitErrorReport> InitErrorAsync(TimeSpan wait) => _initError.Task.WaitAsync(wait);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _nextCalls);
        _firstNext.TrySetResult();
        if (_initError.Task.IsCompleted) Violate("/next called after /init/error");
        if (_open is { } open && !_pending[open].Outcome.Task.IsCompleted)
            Violate($"/next called while invocation {open} was still open");
        Queued item;
        try
        {
            item = await _queue.Reader.ReadAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return;
        }
        _open = item.Id;
        long deadline = item.Pending.StartClock();
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = item.Id;
        headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        if (item.TraceId is not null) headers["Lambda-Runtime-Trace-Id"] = item.TraceId;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(item.Event, context.RequestAborted);
    }

    private async Task CompleteAsync(HttpContext context, string id, bool isError)
    {
        byte[] body = await ReadBodyAsync(context.Request);
        if (!_pending.TryGetValue(id, out var pending) || !pending.HandedOut)
        {
            Violate($"{(isError ? "error" : "response")} posted for unknown request id {id}");
            await Reject(context, 400, "InvalidRequestID", "Invalid request ID");
            return;
        }
        if (pending.Outcome.Task.IsCompleted)
        {
            Violate($"{(isError ? "error" : "response")} posted twice for {id}");
            await Reject(context, 400, "InvalidStateTransition", "Invocation already completed");
            return;
        }
        if (!isError && body.Length > MaxResponseBytes)
        {
            await Reject(context, 413, "RequestEntityTooLarge", "Response payload too large");
            return;
        }
        if (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > pending.DeadlineUnixMs)
            Violate($"{id} was answered after its deadline: Lambda would have killed the sandbox");

        InvocationOutcome outcome;
        if (isError)
        {
            string? errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            if (string.IsNullOrEmpty(errorType)) Violate($"error for {id} has no Lambda-Runtime-Function-Error-Type header");
            var report = ErrorReport.Parse(body, errorType, out string? problem);
            if (problem is not null) Violate($"error body for {id}: {problem}");
            outcome = new InvocationOutcome(null, report);
        }
        else
        {
            outcome = new InvocationOutcome(body, null);
        }
        context.Response.StatusCode = 202;
        await context.Response.WriteAsync("{\"status\":\"OK\"}");
        pending.Outcome.TrySetResult(outcome);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        byte[] body = await ReadBodyAsync(context.Request);
        if (NextCalls > 0)
        {
            await Reject(context, 403, "InvalidStateTransition", "init/error after initialization");
            return;
        }
        string? errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
        var report = ErrorReport.Parse(body, errorType, out string? problem);
        if (problem is not null) Violate($"init error body: {problem}");
        context.Response.StatusCode = 202;
        await context.Response.WriteAsync("{\"status\":\"OK\"}");
        _initError.TrySetResult(new InitErrorReport(report));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task Reject(HttpContext context, int status, string errorType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["errorMessage"] = message,
            ["errorType"] = errorType,
        }));
    }

    private void Violate(string what) => _violations.Enqueue(what);

    private sealed record Queued(string Id, byte[] Event, string? TraceId, Pending Pending);

    private sealed class Pending(TimeSpan timeout)
    {
        public TaskCompletionSource<InvocationOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long DeadlineUnixMs { get; private set; }
        public bool HandedOut { get; private set; }

        // The clock starts when the event is handed out, as Lambda's does.
        public long StartClock()
        {
            DeadlineUnixMs = DateTimeOffset.UtcNow.Add(timeout).ToUnixTimeMilliseconds();
            HandedOut = true;
            return DeadlineUnixMs;
        }
    }
}

/// <summary>A response body, or an error report; exactly one is set.</summary>
internal sealed record InvocationOutcome(byte[]? Response, ErrorReport? Error)
{
    public string ResponseText => Response is null
        ? throw new Xunit.Sdk.XunitException($"Expected a response but the runtime reported {Error}")
        : Encoding.UTF8.GetString(Response);

    public ErrorReport RequireError() =>
        Error ?? throw new Xunit.Sdk.XunitException($"Expected an error but the runtime responded {Encoding.UTF8.GetString(Response!)}");
}

internal sealed record InitErrorReport(ErrorReport Error);

/// <summary>An /error or /init/error post: the header and the JSON body's fields.</summary>
internal sealed record ErrorReport(string? HeaderErrorType, string? ErrorType, string? ErrorMessage)
{
    public static ErrorReport Parse(byte[] body, string? header, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            string? type = doc.RootElement.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            string? message = doc.RootElement.TryGetProperty("errorMessage", out var m) ? m.GetString() : null;
            if (type is null || message is null) problem = "errorType or errorMessage missing";
            return new ErrorReport(header, type, message);
        }
        catch (JsonException ex)
        {
            problem = "not JSON: " + ex.Message;
            return new ErrorReport(header, null, null);
        }
    }
}
