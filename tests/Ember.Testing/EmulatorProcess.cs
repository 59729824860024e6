using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ember.Testing;

/// <summary>
/// A service process a test starts itself (Azurite, moto_server) on free 127.0.0.1 ports: waits
/// until every port accepts connections, fails loudly with the process output when it cannot
/// start, and kills the whole process tree on dispose.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string? _workingDirectory;

    private EmulatorProcess(Process process, string name, string? workingDirectory)
    {
        _process = process;
        Name = name;
        _workingDirectory = workingDirectory;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>A port nobody listens on right now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<EmulatorProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments,
        IReadOnlyList<int> ports, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: Process.Start returned null");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{name} could not be started ({fileName}): {ex.Message}. Run scripts/install-test-tools.sh.", ex);
        }
        var emulator = new EmulatorProcess(process, name, workingDirectory);
        process.OutputDataReceived += (_, e) => emulator.Append(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (int port in ports)
        {
            while (!await AcceptsAsync(port).ConfigureAwait(false))
            {
                if (process.HasExited)
                {
                    process.WaitForExit(); // flushes the redirected output
                    string failure = $"{name} exited with code {process.ExitCode} before listening on 127.0.0.1:{port}. Command: {fileName} {string.Join(' ', info.ArgumentList)}. Output:\n{emulator.Output}";
                    await emulator.DisposeAsync().ConfigureAwait(false);
                    throw new InvalidOperationException(failure);
                }
                if (DateTime.UtcNow > deadline)
                {
                    await emulator.DisposeAsync().ConfigureAwait(false);
                    throw new TimeoutException(
                        $"{name} did not listen on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s. Output:\n{emulator.Output}");
                }
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
        return emulator;
    }

    /// <summary>Kills the process tree now (used to simulate an outage mid-test).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (_workingDirectory is not null)
        {
            try { Directory.Delete(_workingDirectory, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
