using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Monitoring;
using Ember.Pipeline;
using Ember.Serving;

namespace Ember.Monitoring.Tests;

/// <summary>
/// A loopback HTTP server with the routes the status page reads, answered from a real pipeline
/// and <see cref="MonitorHub"/>: GET / (the page), /api/models, /api/models/{name},
/// /api/models/{name}/monitor, POST /api/models/{name}/predict. Every /api route wants the
/// function key (?code= or x-functions-key). Stands in for the host until the prediction API is on
/// main; the same page then runs against the real host.
/// </summary>
internal sealed class StandInApi : IAsyncDisposable
{
    public const string Key = "s3cret-key";

    private readonly HttpListener _listener = new();
    private readonly CompiledPipeline _pipeline;
    private readonly MonitorHub _hub;
    private readonly ScoringMonitor _monitor;
    private readonly Task _loop;

    public StandInApi(CompiledPipeline pipeline, MonitorHub hub, ScoringMonitor monitor)
    {
        _pipeline = pipeline;
        _hub = hub;
        _monitor = monitor;
        int port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseAddress { get; }

    public int Predictions { get; private set; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            try
            {
                var (status, type, body) = Answer(context.Request);
                context.Response.StatusCode = status;
                context.Response.ContentType = type;
                await context.Response.OutputStream.WriteAsync(body);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private (int, string, byte[]) Answer(HttpListenerRequest request)
    {
        string path = request.Url!.AbsolutePath;
        if (path == "/")
        {
            var page = StatusPage.Response();
            return (200, page.ContentType, page.Body.ToArray());
        }
        if (request.QueryString["code"] != Key && request.Headers["x-functions-key"] != Key)
            return (401, "application/problem+json", Encoding.UTF8.GetBytes("{\"title\":\"Unauthorized\",\"detail\":\"a function key is required\"}"));
        var aliases = new[] { new AliasListing("prod", "1", "2", 10) };
        return (request.HttpMethod, path) switch
        {
            ("GET", "/api/models") => Json(JsonSerializer.Serialize(new[] { new { name = "demo", versions = new[] { "1", "2" }, aliases } }, WebJson)),
            ("GET", "/api/models/demo") => Json(JsonSerializer.Serialize(new { name = "demo", inputs = _pipeline.Inputs.Select(i => new { name = i.Name, type = i.Type.ToString() }) }, WebJson)),
            ("GET", "/api/models/demo/monitor") => Json(JsonSerializer.Serialize(_hub.View("demo", aliases), EmberJsonContext.Default.ModelMonitorView)),
            ("POST", "/api/models/demo/predict") => Predict(request),
            _ => (404, "application/problem+json", Encoding.UTF8.GetBytes("{\"title\":\"Not found\"}")),
        };
    }

    private (int, string, byte[]) Predict(HttpListenerRequest request)
    {
        using var doc = JsonDocument.Parse(request.InputStream);
        var frame = _pipeline.CreateFrame(1);
        frame.Reset(1);
        foreach (var input in _pipeline.Inputs)
        {
            if (!doc.RootElement.TryGetProperty(input.Name, out var e))
                return (400, "application/problem+json", Encoding.UTF8.GetBytes($"{{\"title\":\"Missing input\",\"detail\":\"{input.Name}\"}}"));
            var value = JsonValues.Read(e, input.Type, out var problem);
            problem ??= FrameValues.TrySet(frame.Columns[input.Slot], 0, value);
            if (problem is not null)
                return (400, "application/problem+json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { title = "Bad input", detail = problem }, WebJson)));
        }
        _pipeline.DefaultPlan.Execute(frame);
        _monitor.Observe(frame, _pipeline.DefaultPlan);
        Predictions++;
        var prediction = ((DoubleColumn)frame.Columns[_pipeline.DefaultOutputs.First(o => o.Name == "prediction").Slot]).Values[0];
        return Json(JsonSerializer.Serialize(new { prediction }, WebJson));
    }

    private static (int, string, byte[]) Json(string json) => (200, "application/json", Encoding.UTF8.GetBytes(json));

    // Anonymous shapes for the stand-in's own routes: reflection JSON is fine in a test.
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
