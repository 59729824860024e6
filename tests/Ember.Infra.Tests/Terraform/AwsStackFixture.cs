using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Ember.Infra.Tests.Tools;
using Xunit;
using Xunit.Abstractions;

namespace Ember.Infra.Tests.Terraform;

/// <summary>
/// Applies infra/terraform to a moto_server once, reads back everything the tests look at, then
/// destroys the stack (after deleting the Lambda zip, as a cleaned build folder would) and reads
/// what is left. Tests assert on these snapshots, so one apply/destroy cycle serves them all.
/// The module runs from a temporary copy with the test-only provider override, so no state or
/// fake endpoint ever lands in the repository.
/// </summary>
public sealed class AwsStackFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string NamePrefix = "ember-it";
    public const string FunctionName = NamePrefix + "-scorer";

    private MotoServer? _moto;
    private TemporaryDirectory? _work;

    public IReadOnlyDictionary<string, string> Outputs { get; private set; } = new Dictionary<string, string>();
    public JsonElement Function { get; private set; }
    public JsonElement[] EventSourceMappings { get; private set; } = [];
    public JsonElement RolePolicy { get; private set; }
    public string[] InlinePolicyNames { get; private set; } = [];
    public string[] AttachedPolicyArns { get; private set; } = [];
    public JsonElement JobsQueueAttributes { get; private set; }
    public JsonElement DeadLetterQueueAttributes { get; private set; }
    public XDocument? BucketVersioning { get; private set; }
    public XDocument? BucketEncryption { get; private set; }
    public XDocument? BucketPublicAccessBlock { get; private set; }
    public JsonElement[] ApiRoutes { get; private set; } = [];
    public JsonElement[] ApiIntegrations { get; private set; } = [];
    public JsonElement[] LogGroups { get; private set; } = [];

    internal ProcessResult? Destroy { get; private set; }
    public int FunctionsLeft { get; private set; } = -1;
    public int BucketsLeft { get; private set; } = -1;
    public int QueuesLeft { get; private set; } = -1;
    public int RolesLeft { get; private set; } = -1;
    public int ApisLeft { get; private set; } = -1;

    public string BucketArn => "arn:aws:s3:::" + Outputs["model_bucket"];

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string what)
        {
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage($"AwsStackFixture: {what} done at {clock.Elapsed.TotalSeconds:F1}s"));
        }

        var terraform = Tools.Terraform.Locate();
        _moto = await MotoServer.StartAsync();
        _work = new TemporaryDirectory("tf-aws");
        string module = _work.Combine("module");
        TemporaryDirectory.CopyTree(Tools.Terraform.ModuleDirectory, module);
        string overrideText = await File.ReadAllTextAsync(Path.Combine(Tools.Terraform.TestFilesDirectory, "moto_override.tf"));
        await File.WriteAllTextAsync(Path.Combine(module, "moto_override.tf"), overrideText.Replace("__MOTO_URL__", _moto.Url, StringComparison.Ordinal));
        string package = WriteDummyLambdaPackage(_work.Combine("lambda.zip"));

        await terraform.InitAsync(module);
        Phase("moto start + init");
        string[] variables = [$"-var=name_prefix={NamePrefix}", $"-var=lambda_package={package}"];
        (await terraform.RunAsync(module, TimeSpan.FromMinutes(4), ["apply", "-auto-approve", "-input=false", "-no-color", .. variables])).EnsureSuccess();
        Outputs = ParseOutputs((await terraform.RunAsync(module, TimeSpan.FromMinutes(1), "output", "-json", "-no-color")).EnsureSuccess().StdOut);
        Phase("apply");

        using (var moto = new MotoClient(_moto.Url))
            await ReadCreatedAsync(moto);

        // destroy must not need the package: the build folder is often gone by then.
        File.Delete(package);
        Destroy = await terraform.RunAsync(module, TimeSpan.FromMinutes(3), ["destroy", "-auto-approve", "-input=false", "-no-color", .. variables]);
        Phase("destroy");

        using (var moto = new MotoClient(_moto.Url))
            await ReadLeftAsync(moto);
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null) await _moto.DisposeAsync();
        _work?.Dispose();
    }

    private async Task ReadCreatedAsync(MotoClient moto)
    {
        Function = (await moto.GetJsonAsync("lambda", $"/2015-03-31/functions/{FunctionName}/configuration"))?.RootElement
            ?? throw new InvalidOperationException($"moto has no function {FunctionName} after apply.");
        var mappings = await moto.GetJsonAsync("lambda", "/2015-03-31/event-source-mappings/");
        string functionArn = Function.GetProperty("FunctionArn").GetString()!;
        EventSourceMappings = [.. mappings!.RootElement.GetProperty("EventSourceMappings").EnumerateArray().Where(m => m.GetProperty("FunctionArn").GetString() == functionArn)];

        string role = NamePrefix + "-scorer";
        var policy = await moto.GetXmlAsync("iam", $"/?Action=GetRolePolicy&RoleName={role}&PolicyName={role}&Version=2010-05-08")
            ?? throw new InvalidOperationException($"moto has no inline policy {role} on role {role}.");
        RolePolicy = JsonDocument.Parse(WebUtility.UrlDecode(Value(policy, "PolicyDocument"))).RootElement;
        InlinePolicyNames = Values(await moto.GetXmlAsync("iam", $"/?Action=ListRolePolicies&RoleName={role}&Version=2010-05-08"), "member");
        AttachedPolicyArns = Values(await moto.GetXmlAsync("iam", $"/?Action=ListAttachedRolePolicies&RoleName={role}&Version=2010-05-08"), "PolicyArn");

        JobsQueueAttributes = await QueueAttributesAsync(moto, Outputs["jobs_queue_url"]);
        DeadLetterQueueAttributes = await QueueAttributesAsync(moto, Outputs["jobs_dead_letter_queue_url"]);

        string bucket = Outputs["model_bucket"];
        BucketVersioning = await moto.GetXmlAsync("s3", $"/{bucket}?versioning");
        BucketEncryption = await moto.GetXmlAsync("s3", $"/{bucket}?encryption");
        BucketPublicAccessBlock = await moto.GetXmlAsync("s3", $"/{bucket}?publicAccessBlock");

        var apis = (await moto.GetJsonAsync("apigateway", "/v2/apis"))!.RootElement.GetProperty("items");
        string apiId = apis.EnumerateArray().Single(a => a.GetProperty("name").GetString() == NamePrefix + "-api").GetProperty("apiId").GetString()!;
        ApiRoutes = [.. (await moto.GetJsonAsync("apigateway", $"/v2/apis/{apiId}/routes"))!.RootElement.GetProperty("items").EnumerateArray()];
        ApiIntegrations = [.. (await moto.GetJsonAsync("apigateway", $"/v2/apis/{apiId}/integrations"))!.RootElement.GetProperty("items").EnumerateArray()];

        var logGroups = await moto.CallJsonAsync("logs", "Logs_20140328.DescribeLogGroups", "1.1", "{\"logGroupNamePrefix\":\"/aws/lambda/" + NamePrefix + "\"}");
        LogGroups = [.. logGroups.RootElement.GetProperty("logGroups").EnumerateArray()];
    }

    private async Task ReadLeftAsync(MotoClient moto)
    {
        FunctionsLeft = (await moto.GetJsonAsync("lambda", "/2015-03-31/functions/"))!.RootElement.GetProperty("Functions").GetArrayLength();
        BucketsLeft = (await moto.GetXmlAsync("s3", "/"))!.Descendants().Count(e => e.Name.LocalName == "Bucket");
        var queues = await moto.CallJsonAsync("sqs", "AmazonSQS.ListQueues", "1.0", "{}");
        QueuesLeft = queues.RootElement.TryGetProperty("QueueUrls", out var urls) ? urls.GetArrayLength() : 0;
        RolesLeft = Values(await moto.GetXmlAsync("iam", "/?Action=ListRoles&Version=2010-05-08"), "RoleName").Length;
        ApisLeft = (await moto.GetJsonAsync("apigateway", "/v2/apis"))!.RootElement.GetProperty("items").GetArrayLength();
    }

    private static async Task<JsonElement> QueueAttributesAsync(MotoClient moto, string queueUrl)
    {
        string body = JsonSerializer.Serialize(new Dictionary<string, object> { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new[] { "All" } });
        var answer = await moto.CallJsonAsync("sqs", "AmazonSQS.GetQueueAttributes", "1.0", body);
        return answer.RootElement.GetProperty("Attributes");
    }

    private static Dictionary<string, string> ParseOutputs(string json)
    {
        var outputs = new Dictionary<string, string>();
        foreach (var output in JsonDocument.Parse(json).RootElement.EnumerateObject())
            outputs[output.Name] = output.Value.GetProperty("value").ToString();
        return outputs;
    }

    private static string Value(XDocument xml, string localName) =>
        xml.Descendants().First(e => e.Name.LocalName == localName).Value;

    private static string[] Values(XDocument? xml, string localName) =>
        xml is null ? [] : [.. xml.Descendants().Where(e => e.Name.LocalName == localName && !e.HasElements).Select(e => e.Value)];

    /// <summary>A zip with an executable `bootstrap`, standing in for the native build (moto never runs it).</summary>
    private static string WriteDummyLambdaPackage(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var entry = zip.CreateEntry("bootstrap");
        entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16; // regular file, rwxr-xr-x
        using var writer = new StreamWriter(entry.Open());
        writer.Write("#!/bin/sh\necho 'test stand-in for the Ember bootstrap'\n");
        return path;
    }
}
