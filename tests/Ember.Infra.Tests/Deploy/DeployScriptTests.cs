using System.Text.RegularExpressions;
using Ember.Infra.Tests.Bicep;
using Ember.Infra.Tests.Tools;
using Xunit;

namespace Ember.Infra.Tests.Deploy;

/// <summary>
/// deploy.sh cannot reach a cloud here, so it runs against stub tools that log their calls: the
/// tests check the order of the steps, the arguments that tie them together, what is printed,
/// and the failures a user meets first (missing tools, missing sample).
/// </summary>
[Trait(InfraTrait.Name, InfraTrait.Value)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash, Unix file modes
public sealed partial class DeployScriptTests
{
    private static string Script => Path.Combine(Ember.Testing.Corpus.RepositoryRoot, "deploy.sh");

    [Fact]
    public async Task Script_ParsesWithBash()
    {
        var result = await ProcessRunner.RunAsync("/bin/bash", ["-n", Script], Ember.Testing.Corpus.RepositoryRoot);
        Assert.True(result.ExitCode == 0, result.StdErr);
    }

    [Fact]
    public void Script_IsExecutable_AndStrict()
    {
        Assert.True((File.GetUnixFileMode(Script) & UnixFileMode.UserExecute) != 0, "deploy.sh is not executable (git update-index --chmod=+x deploy.sh)");
        Assert.Contains("set -euo pipefail", File.ReadAllText(Script), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsage_AndSucceeds()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(null, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage: ./deploy.sh <aws|azure> [deploy|destroy]", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(repo.Calls);
    }

    [Theory]
    [InlineData]
    [InlineData("gcp")]
    [InlineData("aws", "upgrade")]
    public async Task UnknownCommand_PrintsUsageToStderr_AndExits2(params string[] arguments)
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(null, arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(repo.Calls);
    }

    [Theory]
    [InlineData("aws", "dotnet terraform aws")]
    [InlineData("azure", "dotnet az")]
    public async Task MissingTools_AreAllNamedAtOnce_BeforeAnythingRuns(string cloud, string missing)
    {
        using var repo = new FakeRepository();
        using var emptyPath = new TemporaryDirectory("path");
        // Only what the script needs before its checks: bash itself and dirname.
        File.CreateSymbolicLink(Path.Combine(emptyPath.Path, "bash"), "/bin/bash");
        File.CreateSymbolicLink(Path.Combine(emptyPath.Path, "dirname"), FindDirname());
        var result = await repo.RunAsync(new Dictionary<string, string?> { ["PATH"] = emptyPath.Path }, cloud);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"missing prerequisites: {missing}", result.StdErr, StringComparison.Ordinal);
        foreach (string tool in missing.Split(' '))
            Assert.Contains($"  {tool}:", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(repo.Calls);
    }

    [Fact]
    public async Task MissingSampleBundle_NamesIt_AndListsWhatExists_BeforeAnythingRuns()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(new Dictionary<string, string?> { ["EMBER_SAMPLE_MODEL"] = "nope" }, "aws");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sample bundle not found: samples/models/nope/1", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("iris/1/", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(repo.Calls);
    }

    [Fact]
    public async Task DeployAws_BuildsProvisionsUploadsPromotes_InOrder_AndPrintsACurlCommand()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(null, "aws");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);

        string zip = repo.Root("artifacts", "deploy", "ember-lambda.zip");
        var calls = repo.Calls;
        int publish = IndexOf(calls, $"publish-native lambda {repo.Root("artifacts", "deploy", "lambda")}");
        int package = IndexOf(calls, $"package lambda {zip}");
        int credentials = IndexOf(calls, "aws sts get-caller-identity");
        int workspace = IndexOf(calls, "terraform -chdir=" + repo.Root("infra", "terraform") + " workspace select -or-create ember");
        int apply = IndexOf(calls, $"terraform -chdir={repo.Root("infra", "terraform")} apply -input=false -auto-approve -var=name_prefix=ember -var=region=us-east-1 -var=lambda_package={zip}");
        int push = IndexOf(calls, $"ember push {repo.Root("samples", "models", "iris", "1")} --store {FakeRepository.S3Store}");
        int promote = IndexOf(calls, $"ember promote iris 1 --alias prod --store {FakeRepository.S3Store}");
        Assert.True(credentials < publish && publish < package && package < workspace && workspace < apply && apply < push && push < promote, string.Join('\n', calls));

        Assert.Contains("Endpoint: https://abc123.execute-api.us-east-1.amazonaws.com/api", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("curl -X POST https://abc123.execute-api.us-east-1.amazonaws.com/api/models/iris/predict", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DestroyAws_DestroysTheSameWorkspaceWithTheSameVariables()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(new Dictionary<string, string?> { ["EMBER_NAME_PREFIX"] = "demo" }, "aws", "destroy");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        string tf = "terraform -chdir=" + repo.Root("infra", "terraform");
        var calls = repo.Calls;
        Assert.True(IndexOf(calls, tf + " workspace select -or-create demo") < IndexOf(calls, $"{tf} destroy -input=false -auto-approve -var=name_prefix=demo -var=region=us-east-1 -var=lambda_package={repo.Root("artifacts", "deploy", "ember-lambda.zip")}"));
        Assert.DoesNotContain(calls, c => c.StartsWith("publish-native", StringComparison.Ordinal) || c.StartsWith("ember", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeployAzure_BuildsProvisionsDeploysUploadsPromotes_InOrder_WithoutAccountKeys()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(null, "azure");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);

        string zip = repo.Root("artifacts", "deploy", "ember-azure.zip");
        var calls = repo.Calls;
        int package = IndexOf(calls, $"package azure {zip}");
        int group = IndexOf(calls, "az group create -n ember-rg -l westeurope --tags ember-deploy=ember -o none");
        int deployment = IndexOf(calls, $"az deployment group create -g ember-rg -n ember -f {repo.Root("infra", "bicep", "main.bicep")} -p namePrefix=ember deployerPrincipalId=00000000-0000-0000-0000-00000000beef deployerPrincipalType=User -o none");
        int zipDeploy = IndexOf(calls, $"az functionapp deployment source config-zip -g ember-rg -n ember-abc --src {zip} -o none");
        int sas = calls.ToList().FindIndex(c => c.StartsWith("az storage container generate-sas --account-name emberabc --name models --as-user --auth-mode login", StringComparison.Ordinal));
        int push = IndexOf(calls, $"ember push {repo.Root("samples", "models", "iris", "1")} --store {FakeRepository.BlobStore}");
        int promote = IndexOf(calls, $"ember promote iris 1 --alias prod --store {FakeRepository.BlobStore}");
        Assert.True(package < group && group < deployment && deployment < zipDeploy && zipDeploy < sas && sas < push && push < promote, string.Join('\n', calls));
        Assert.DoesNotContain(calls, c => c.Contains("keys list", StringComparison.Ordinal) && c.Contains("storage account", StringComparison.Ordinal));

        Assert.Contains("Endpoint: " + FakeRepository.AzureApi, result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"curl -X POST {FakeRepository.AzureApi}/models/iris/predict -H 'x-functions-key: fake-key'", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DestroyAzure_RefusesAResourceGroupItDidNotCreate()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(new Dictionary<string, string?> { ["FAKE_GROUP_EXISTS"] = "true", ["FAKE_GROUP_TAG"] = "" }, "azure", "destroy");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was not created by deploy.sh", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(repo.Calls, c => c.StartsWith("az group delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DestroyAzure_DeletesTheGroupItCreated()
    {
        using var repo = new FakeRepository();
        var result = await repo.RunAsync(new Dictionary<string, string?> { ["FAKE_GROUP_EXISTS"] = "true", ["FAKE_GROUP_TAG"] = "ember" }, "azure", "destroy");
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("az group delete -n ember-rg --yes", repo.Calls);
    }

    [Fact]
    public void Script_ReadsOnlyOutputsTheTemplatesDeclare()
    {
        string script = File.ReadAllText(Script);
        string outputsTf = File.ReadAllText(Path.Combine(Tools.Terraform.ModuleDirectory, "outputs.tf"));
        var terraformReads = TerraformOutputCall().Matches(script).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(terraformReads);
        foreach (string name in terraformReads)
            Assert.Contains($"output \"{name}\"", outputsTf, StringComparison.Ordinal);

        var bicepOutputs = BicepTemplateTests.Template.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var bicepReads = BicepOutputCall().Matches(script).Select(m => m.Groups["name"].Value).Distinct().ToList();
        Assert.NotEmpty(bicepReads);
        foreach (string name in bicepReads)
            Assert.Contains(name, bicepOutputs);
    }

    [Fact]
    public void Script_PassesOnlyParametersTheBicepTemplateDeclares()
    {
        string script = File.ReadAllText(Script);
        var declared = BicepTemplateTests.Template.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var passed = BicepParameterArgument().Matches(DeploymentCommand(script)).Select(m => m.Groups["name"].Value).ToList();
        Assert.NotEmpty(passed);
        foreach (string name in passed)
            Assert.Contains(name, declared);
    }

    private static int IndexOf(string[] calls, string call)
    {
        int index = Array.IndexOf(calls, call);
        Assert.True(index >= 0, $"expected the call\n  {call}\namong\n  {string.Join("\n  ", calls)}");
        return index;
    }

    /// <summary>The `az deployment group create` command with its backslash-continued lines.</summary>
    private static string DeploymentCommand(string script)
    {
        var lines = script.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("az deployment group create", StringComparison.Ordinal));
        Assert.True(start >= 0, "deploy.sh has no `az deployment group create` command");
        int end = start;
        while (lines[end].TrimEnd().EndsWith('\\')) end++;
        return string.Join('\n', lines[start..(end + 1)]);
    }

    private static string FindDirname() =>
        new[] { "/usr/bin/dirname", "/bin/dirname" }.First(File.Exists);

    [GeneratedRegex(@"\btf_output (?<name>[a-z_]+)")]
    private static partial Regex TerraformOutputCall();

    [GeneratedRegex(@"\bbicep_output (?<name>[A-Za-z]+)")]
    private static partial Regex BicepOutputCall();

    // Each NAME="$..." word of the deployment command is a template parameter.
    [GeneratedRegex(@"(?<=\s)(?<name>[a-z][A-Za-z]+)=""\$")]
    private static partial Regex BicepParameterArgument();
}
