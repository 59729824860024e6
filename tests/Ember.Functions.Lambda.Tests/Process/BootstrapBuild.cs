using Ember.Testing;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// A build of the bootstrap a process test runs: the JIT build (bootstrap.dll beside the tests,
/// run with `dotnet`) always; the native build when EMBER_NATIVE_LAMBDA names it. On CI
/// (CI=true) the native build is required: its case exists and fails when the variable is unset.
/// </summary>
internal sealed record BootstrapBuild(string Name)
{
    public const string NativeVariable = "EMBER_NATIVE_LAMBDA";

    /// <summary>The bare custom runtime (benchmarks/BareLambdaBootstrap, native): the cold-start baseline of the measurement.</summary>
    public const string BareVariable = "EMBER_BARE_LAMBDA";

    public static string? BarePath => Environment.GetEnvironmentVariable(BareVariable) is { Length: > 0 } bare ? bare : null;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string> { "jit" };
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ci || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NativeVariable)))
            data.Add("native");
        return data;
    }

    /// <summary>The program and arguments that start this build.</summary>
    public (string FileName, string Arguments) Command()
    {
        if (Name == "jit")
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "bootstrap.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException("The JIT bootstrap is not beside the tests.", dll);
            return ("dotnet", $"\"{dll}\"");
        }
        if (Name == "bare")
            return BarePath is { } bare && File.Exists(bare)
                ? (Path.GetFullPath(bare, Corpus.RepositoryRoot), "")
                : throw new FileNotFoundException($"{BareVariable} does not name the bare bootstrap (scripts/publish-native.sh bare <dir>).", BarePath);
        string? native = Environment.GetEnvironmentVariable(NativeVariable);
        if (string.IsNullOrEmpty(native))
            throw new InvalidOperationException(
                $"CI=true but {NativeVariable} is not set: publish the native bootstrap (scripts/publish-native.sh) and point {NativeVariable} at it.");
        if (!File.Exists(native))
            throw new FileNotFoundException($"{NativeVariable} points at a file that does not exist.", native);
        return (Path.GetFullPath(native, Corpus.RepositoryRoot), "");
    }
}
