using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ember.Infra.Tests.Tools;

/// <summary>
/// A moto_server of our own on a free 127.0.0.1 port, stopped (by its process id) on dispose.
/// Kept inside this project for now; a shared fixture in Ember.Testing can replace it later.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private MotoServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<MotoServer> StartAsync()
    {
        int port = FreePort();
        var info = new ProcessStartInfo("moto_server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("moto_server is not on PATH: install it (pip install 'moto[server]'); the Terraform tests apply the AWS stack against it.", ex);
        }
        var server = new MotoServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync(TimeSpan budget)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < budget)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"moto_server exited with {_process.ExitCode} before answering on port {Port}:\n{Log}");
            try
            {
                using var response = await http.GetAsync($"{Url}/moto-api/");
                return; // any HTTP answer means it listens
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await DisposeAsync();
        throw new TimeoutException($"moto_server did not answer on port {Port} within {budget}:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
