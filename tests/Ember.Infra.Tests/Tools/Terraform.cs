namespace Ember.Infra.Tests.Tools;

/// <summary>
/// The terraform CLI with the AWS provider installed offline. The provider folder comes from
/// EMBER_TF_PLUGIN_DIR (default /opt/tf-plugins, laid out as a filesystem mirror:
/// registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH). A missing CLI or provider fails the test
/// with a message saying what to install; nothing is ever skipped quietly.
/// </summary>
internal sealed class Terraform
{
    public const string PluginDirVariable = "EMBER_TF_PLUGIN_DIR";
    public const string DefaultPluginDir = "/opt/tf-plugins";
    public const string ExecutableVariable = "EMBER_TERRAFORM";

    private readonly string _cliConfigFile;

    private Terraform(string executable, string pluginDirectory)
    {
        Executable = executable;
        PluginDirectory = pluginDirectory;
        // An empty CLI config: no plugin cache, no credentials helpers, no warning about ~/.terraformrc.
        _cliConfigFile = Path.Combine(Path.GetTempPath(), "ember-terraformrc-empty");
        File.WriteAllText(_cliConfigFile, "");
    }

    public string Executable { get; }

    public string PluginDirectory { get; }

    /// <summary>The shipped AWS module.</summary>
    public static string ModuleDirectory => Path.Combine(Ember.Testing.Corpus.RepositoryRoot, "infra", "terraform");

    /// <summary>The test-only files (the moto provider override).</summary>
    public static string TestFilesDirectory => Path.Combine(Ember.Testing.Corpus.RepositoryRoot, "tests", "Ember.Infra.Tests", "Terraform");

    public static Terraform Locate()
    {
        string executable = System.Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured
            ? configured
            : FindOnPath("terraform") ?? throw new InvalidOperationException(
                $"terraform is not installed (not on PATH, and {ExecutableVariable} is not set). The infra tests run the real CLI: install Terraform >= 1.5.");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{ExecutableVariable} points to '{executable}', which does not exist.");

        string pluginDirectory = System.Environment.GetEnvironmentVariable(PluginDirVariable) is { Length: > 0 } dir ? dir : DefaultPluginDir;
        string aws = Path.Combine(pluginDirectory, "registry.terraform.io", "hashicorp", "aws");
        if (!Directory.Exists(aws) || Directory.GetDirectories(aws).Length == 0)
            throw new InvalidOperationException(
                $"The hashicorp/aws provider is not installed in '{pluginDirectory}' (expected {aws}/<version>/<os_arch>/). " +
                $"Put it there or point {PluginDirVariable} at a folder that has it; the tests never download providers.");
        return new Terraform(executable, pluginDirectory);
    }

    public Task<ProcessResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.RunAsync(Executable, arguments, workingDirectory, ProcessEnvironment(), timeout);

    public async Task InitAsync(string workingDirectory) =>
        (await RunAsync(workingDirectory, TimeSpan.FromMinutes(2), "init", "-input=false", "-no-color", $"-plugin-dir={PluginDirectory}")).EnsureSuccess();

    private Dictionary<string, string?> ProcessEnvironment() => new()
    {
        ["CHECKPOINT_DISABLE"] = "1", // no version check over the network
        ["TF_IN_AUTOMATION"] = "1",
        ["TF_INPUT"] = "0",
        ["TF_CLI_CONFIG_FILE"] = _cliConfigFile,
        ["TF_PLUGIN_CACHE_DIR"] = null,
        ["TF_LOG"] = null,
        // Real credentials from the developer's shell must never reach a test run.
        ["AWS_PROFILE"] = null,
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
