using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ember.Testing;
using Xunit;

namespace Ember.Cli.Tests.Commands;

/// <summary>`ember batch` killed with SIGKILL mid-way: nothing at the output name; the re-run commits once.</summary>
[Trait(Corpus.Trait, "zoo")]
public sealed class BatchKillTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-batch-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task KilledProcess_LeavesNothingAtTheOutput_AndTheRerunCommits()
    {
        string model = Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-lr-iris-s210", "model");
        string input = Path.Combine(_dir, "big.csv"), output = Path.Combine(_dir, "scores.jsonl");
        var csv = new StringBuilder("Sepal_Length,Sepal_Width,Petal_Length,Petal_Width\n");
        for (int i = 0; i < 1_500_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{5 + i % 30 * 0.1:0.0},{3 + i % 7 * 0.1:0.0},{1 + i % 50 * 0.1:0.0},{0.2 + i % 20 * 0.1:0.0}\n");
        await File.WriteAllTextAsync(input, csv.ToString());

        using (var process = Start(model, input, output))
        {
            // Wait until the upload holds real output (the file store writes it under .ember/tmp), then kill without warning.
            var until = DateTime.UtcNow.AddSeconds(60);
            while (!process.HasExited && DateTime.UtcNow < until && !Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Any(f => f != input && new FileInfo(f).Length > 1_000_000))
                await Task.Delay(20);
            Assert.False(process.HasExited, "the job finished before it could be killed: make the input bigger");
            process.Kill();
            await process.WaitForExitAsync();
        }
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + "._ember.json"));

        using (var rerun = Start(model, input, output))
        {
            await rerun.WaitForExitAsync();
            Assert.Equal(0, rerun.ExitCode);
        }
        Assert.Equal(1_500_000, File.ReadLines(output).Count());
        Assert.Contains("\"status\":\"succeeded\"", await File.ReadAllTextAsync(output + "._ember.json"));
    }

    private static Process Start(string model, string input, string output)
    {
        string ember = Path.Combine(AppContext.BaseDirectory, "ember.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { ember, "batch", "--model", model, "--input", input, "--output", output, "--chunk-rows", "20000" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
