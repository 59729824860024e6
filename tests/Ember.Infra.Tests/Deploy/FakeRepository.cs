using Ember.Infra.Tests.Tools;

namespace Ember.Infra.Tests.Deploy;

/// <summary>
/// A throwaway copy of the repository layout deploy.sh expects (its own copy of deploy.sh, stub
/// build scripts, a sample bundle) plus stub cloud tools on PATH that log every call and answer
/// with canned outputs. deploy.sh finds its root from its own location, so it runs unchanged.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash, Unix file modes
internal sealed class FakeRepository : IDisposable
{
    public const string ApiUrl = "https://abc123.execute-api.us-east-1.amazonaws.com/";
    public const string S3Store = "s3://ember-models-x/models";
    public const string BlobStore = "https://emberabc.blob.core.windows.net/models";
    public const string AzureApi = "https://ember-abc.azurewebsites.net/api";

    private readonly TemporaryDirectory _dir = new("deploy");

    public FakeRepository()
    {
        File.Copy(Path.Combine(Ember.Testing.Corpus.RepositoryRoot, "deploy.sh"), Root("deploy.sh"));
        Directory.CreateDirectory(Root("infra", "terraform"));
        Directory.CreateDirectory(Root("infra", "bicep"));
        Directory.CreateDirectory(Root("samples", "models", "iris", "1"));
        File.WriteAllText(Root("samples", "models", "iris", "1", "manifest.json"), "{}");
        Directory.CreateDirectory(Bin);

        Script(Root("scripts", "publish-native.sh"), "log publish-native \"$@\"");
        Script(Root("scripts", "package.sh"), "log package \"$@\"; mkdir -p \"$(dirname \"$2\")\"; : > \"$2\"");
        Script(Path.Combine(Bin, "dotnet"), "log dotnet \"$@\"");
        Script(Path.Combine(Bin, "ember"), "log ember \"$@\"");
        Script(Path.Combine(Bin, "aws"), "log aws \"$@\"");
        Script(Path.Combine(Bin, "terraform"), $$"""
            log terraform "$@"
            case "$*" in
              *"output -raw api_url"*) printf '%s' '{{ApiUrl}}' ;;
              *"output -raw model_store"*) printf '%s' '{{S3Store}}' ;;
              *"output -raw jobs_queue_url"*) printf '%s' 'https://sqs.us-east-1.amazonaws.com/1/ember-jobs' ;;
            esac
            """);
        Script(Path.Combine(Bin, "az"), $$"""
            log az "$@"
            case "$*" in
              "group exists"*) echo "${FAKE_GROUP_EXISTS:-false}" ;;
              "group show"*) echo "${FAKE_GROUP_TAG:-}" ;;
              "ad signed-in-user show"*) echo 00000000-0000-0000-0000-00000000beef ;;
              *"outputs.functionAppName.value"*) echo ember-abc ;;
              *"outputs.apiBaseUrl.value"*) echo '{{AzureApi}}' ;;
              *"outputs.modelStore.value"*) echo '{{BlobStore}}' ;;
              *"outputs.storageAccountName.value"*) echo emberabc ;;
              *"outputs.jobsQueueName.value"*) echo ember-jobs ;;
              "storage container generate-sas"*) echo 'sv=2025&sig=x' ;;
              "functionapp keys list"*) echo fake-key ;;
            esac
            """);
    }

    public string Bin => _dir.Combine("bin");

    public string CallLog => _dir.Combine("calls.log");

    public string Root(params string[] parts) => _dir.Combine(parts);

    /// <summary>Every stub call so far, one line each: "tool arg1 arg2 ...".</summary>
    public string[] Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    public Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?>? extra = null, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            // Stubs first; the system folders only for bash and coreutils.
            ["PATH"] = $"{Bin}:/usr/bin:/bin",
            ["CALL_LOG"] = CallLog,
            ["HOME"] = _dir.Path,
            ["AWS_REGION"] = "us-east-1",
        };
        foreach (var name in new[] { "EMBER_NAME_PREFIX", "EMBER_SAMPLE_STORE", "EMBER_SAMPLE_MODEL", "EMBER_SAMPLE_VERSION", "EMBER_SAMPLE_REQUEST", "EMBER_AZURE_LOCATION", "EMBER_AZURE_RESOURCE_GROUP", "EMBER_DEPLOYER_OBJECT_ID", "EMBER_DEPLOYER_TYPE", "AWS_PROFILE" })
            environment[name] = null;
        if (extra is not null)
            foreach (var (name, value) in extra)
                environment[name] = value;
        return ProcessRunner.RunAsync("/bin/bash", [Root("deploy.sh"), .. arguments], _dir.Path, environment, TimeSpan.FromMinutes(1));
    }

    public void Dispose() => _dir.Dispose();

    private static void Script(string path, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/bash\nlog() { echo \"$*\" >> \"$CALL_LOG\"; }\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }
}
