using System.Diagnostics;
using System.Text;

namespace Ember.Infra.Tests.Tools;

/// <summary>The outcome of one finished command.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Throws with the whole output when the command failed, so the test log says why.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"`{Command}` exited with {ExitCode}.\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}");
        return this;
    }
}

/// <summary>Runs a command to completion with a deadline; never leaves it running.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (name, value) in environment)
                info.Environment[name] = value;

        string command = fileName + " " + string.Join(' ', info.ArgumentList);
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new InvalidOperationException($"Cannot start `{command}`: {ex.Message}", ex);
        }
        process.StandardInput.Close(); // nothing may wait for an answer
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeout ?? TimeSpan.FromMinutes(3)}.\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        return new ProcessResult(command, process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
