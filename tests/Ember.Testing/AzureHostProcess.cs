using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;
using Xunit.Sdk;

namespace Ember.Testing;

/// <summary>
/// The real ember-azure host (src/Functions.Azure) as its own process, started as the Functions
/// host starts it: FUNCTIONS_CUSTOMHANDLER_PORT set, ready when "/" answers. Two builds: "jit"
/// (ember-azure.dll beside the tests, which reference the project, run with `dotnet`) always, and
/// "native" (the AOT binary scripts/test.sh publishes and names in EMBER_NATIVE_AZURE) when that is
/// set; with CI=true the native build is required and its absence fails.
/// </summary>
public sealed class AzureHostProcess : IAsyncDisposable, IDisposable
{
    public const string NativeVariable = "EMBER_NATIVE_AZURE";
    public const string Jit = "jit";
    public const string Native = "native";

    /// <summary>As the Functions host does: it allows a custom handler 30 s to answer "/".</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AzureHostProcess(Process process, string build, int port)
    {
        _process = process;
        Build = build;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The native binary named by EMBER_NATIVE_AZURE, or null.</summary>
    public static string? NativeBinary => Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } path ? path : null;

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The builds a host test runs against: jit always, native where it is available or required (CI).</summary>
    public static TheoryData<string> Builds()
    {
        var data = new TheoryData<string> { Jit };
        if (OnCi || NativeBinary is not null)
            data.Add(Native);
        return data;
    }

    public string Build { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the host printed so far: its JSON log lines on stdout, stderr lines prefixed "stderr: ".</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Starts <paramref name="build"/> with only <paramref name="settings"/> of Ember's own settings
    /// (nothing EMBER_*, ASPNETCORE_URLS or OTEL_* leaks in from the test runner).
    /// </summary>
    public static async Task<AzureHostProcess> StartAsync(string build, IReadOnlyDictionary<string, string> settings)
    {
        var (fileName, arguments) = Command(build);
        int port = EmulatorProcess.FreePort();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (string name in info.Environment.Keys.ToList())
            if (name.StartsWith("EMBER_", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.Ordinal) || name == "ASPNETCORE_URLS")
                info.Environment.Remove(name);
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in settings)
            info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        var host = new AzureHostProcess(process, build, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data, "");
        process.ErrorDataReceived += (_, e) => host.Append(e.Data, "stderr: ");
        if (!process.Start())
            throw new XunitException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilAnsweringAsync(fileName).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    /// <summary>The first log line that matches, waiting up to 5 s for it (log lines follow the response).</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            string[] lines = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.FirstOrDefault(match) is { } line)
                return line;
            if (DateTime.UtcNow > deadline)
                throw new XunitException("No such log line from ember-azure; got:\n" + string.Join("\n", lines));
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private static (string FileName, string[] Arguments) Command(string build)
    {
        if (build == Jit)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "ember-azure.dll");
            if (!File.Exists(dll))
                throw new XunitException($"{dll} is missing: the test project must reference src/Functions.Azure so the JIT host is built beside it.");
            return ("dotnet", [dll]);
        }
        if (build != Native)
            throw new ArgumentException($"Unknown build '{build}': {Jit} or {Native}.", nameof(build));
        string binary = NativeBinary ?? throw new XunitException(
            $"CI=true but {NativeVariable} is not set: scripts/test.sh must publish the native binary (scripts/publish-native.sh azure) and export its path.");
        binary = Path.GetFullPath(binary, Corpus.RepositoryRoot);
        if (!File.Exists(binary))
            throw new XunitException($"{NativeVariable}='{binary}' does not exist.");
        return (binary, []);
    }

    private async Task WaitUntilAnsweringAsync(string fileName)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // flushes the redirected output
                throw new XunitException($"{fileName} exited with {_process.ExitCode} before answering:\n{Output}");
            }
            try
            {
                using var probe = await Client.GetAsync("/").ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    private void Append(string? line, string prefix)
    {
        if (line is null) return;
        lock (_output) _output.Append(prefix).Append(line).Append('\n');
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
