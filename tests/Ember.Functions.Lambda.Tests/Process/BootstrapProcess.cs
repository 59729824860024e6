using System.Diagnostics;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>The real bootstrap, started as a child process against a Runtime API test server.</summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private BootstrapProcess(System.Diagnostics.Process process) => _process = process;

    public static BootstrapProcess Start(BootstrapBuild build, string runtimeApi, IReadOnlyDictionary<string, string?> environment)
    {
        var (fileName, arguments) = build.Command();
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A clean Lambda-like environment: nothing Ember or AWS leaks in from the test runner.
        foreach (string name in info.Environment.Keys.ToList())
            if (name.StartsWith("EMBER_", StringComparison.Ordinal) || name.StartsWith("AWS_", StringComparison.Ordinal) || name == "_X_AMZN_TRACE_ID")
                info.Environment.Remove(name);
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "ember-test";
        info.Environment["AWS_REGION"] = "us-east-1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        var process = new System.Diagnostics.Process { StartInfo = info };
        var started = new BootstrapProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (started._stdout) started._stdout.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (started._stderr) started._stderr.Add(e.Data); };
        if (!process.Start()) throw new InvalidOperationException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public IReadOnlyList<string> StdoutLines { get { lock (_stdout) return [.. _stdout]; } }

    public string Stderr { get { lock (_stderr) return string.Join('\n', _stderr); } }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, failing with the process's output when it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"The bootstrap did not exit within {wait}.\nstdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}");
        }
        return _process.ExitCode;
    }

    public string Describe() => $"stdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
