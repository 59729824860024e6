namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>A Runtime API test server with one real bootstrap process attached to it.</summary>
internal sealed class LambdaSession : IAsyncDisposable
{
    private LambdaSession(RuntimeApiTestServer server, BootstrapProcess process)
    {
        Server = server;
        Process = process;
    }

    public RuntimeApiTestServer Server { get; }
    public BootstrapProcess Process { get; }

    public static async Task<LambdaSession> StartAsync(string build, IReadOnlyDictionary<string, string?> environment)
    {
        var server = await RuntimeApiTestServer.StartAsync();
        try
        {
            var process = BootstrapProcess.Start(new BootstrapBuild(build), server.Address, environment);
            return new LambdaSession(server, process);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues one event and waits for what the bootstrap posts back.</summary>
    public async Task<InvocationOutcome> InvokeAsync(string eventJson, TimeSpan? timeout = null, string? traceId = null)
    {
        string id = Server.Enqueue(eventJson, timeout, traceId);
        try
        {
            return await Server.OutcomeAsync(id, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No answer for {id}.\n{Process.Describe()}");
        }
    }

    public void AssertProtocolKept() =>
        Assert.True(Server.Violations.Count == 0,
            "Runtime API protocol violations:\n" + string.Join('\n', Server.Violations) + "\n" + Process.Describe());

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Server.DisposeAsync();
    }
}
