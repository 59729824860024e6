using System.Net;
using System.Net.Sockets;
using Ember.Api;
using Ember.Batch;

namespace Ember.Functions.Azure.Tests.Support;

/// <summary>
/// The real host (AzureHost.Build, the same startup code as Program) on a loopback port, with
/// fake handlers and a captured log. Requests go through real Kestrel, so body limits, chunking
/// and Content-Length behave as in production.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, FakeApiHandler api, FakeBatchJobHandler batch, LogCapture log)
    {
        _app = app;
        Api = api;
        Batch = batch;
        Log = log;
        BaseAddress = new Uri(app.Urls.Single());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeApiHandler Api { get; }
    public FakeBatchJobHandler Batch { get; }
    public LogCapture Log { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <param name="environment">Settings the host reads (nothing else from the test process's environment).</param>
    /// <param name="args">Command line; default binds a free port through --urls.</param>
    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string>? environment = null, string[]? args = null)
    {
        var api = new FakeApiHandler();
        var batch = new FakeBatchJobHandler();
        var log = new LogCapture();
        var settings = environment ?? new Dictionary<string, string>();
        var setup = new AzureHostSetup(
            name => settings.TryGetValue(name, out var value) ? value : null,
            log,
            (services, _) =>
            {
                services.AddSingleton<IApiHandler>(api);
                services.AddSingleton<IBatchJobHandler>(batch);
            });
        var app = AzureHost.Build(args ?? ["--urls", "http://127.0.0.1:0"], setup);
        await app.StartAsync();
        return new RunningHost(app, api, batch, log);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
