using System.Text.Json;
using Ember.Configuration;
using Ember.Infra.Tests.Settings;
using Xunit;

namespace Ember.Infra.Tests.Terraform;

/// <summary>A real `terraform apply` and `destroy` of infra/terraform against moto_server, and what it created.</summary>
[Trait(InfraTrait.Name, InfraTrait.Value)]
public sealed class AwsStackTests(AwsStackFixture stack) : IClassFixture<AwsStackFixture>
{
    [Fact]
    public void Apply_OutputsApiUrlBucketAndQueue()
    {
        Assert.Matches(@"^https://[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com/?$", stack.Outputs["api_url"]);
        Assert.StartsWith(AwsStackFixture.NamePrefix + "-models-", stack.Outputs["model_bucket"], StringComparison.Ordinal);
        Assert.EndsWith("/" + AwsStackFixture.NamePrefix + "-jobs", stack.Outputs["jobs_queue_url"], StringComparison.Ordinal);
        Assert.Equal($"s3://{stack.Outputs["model_bucket"]}/models", stack.Outputs["model_store"]);
    }

    [Fact]
    public void EventSourceMapping_ReportsBatchItemFailures_FromTheJobsQueue()
    {
        var mapping = Assert.Single(stack.EventSourceMappings);
        Assert.Equal(["ReportBatchItemFailures"], mapping.GetProperty("FunctionResponseTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(stack.JobsQueueAttributes.GetProperty("QueueArn").GetString(), mapping.GetProperty("EventSourceArn").GetString());
        Assert.Equal(stack.Function.GetProperty("FunctionArn").GetString(), mapping.GetProperty("FunctionArn").GetString());
        Assert.True(mapping.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32() >= 2);
    }

    [Fact]
    public void Function_RunsTheNativeBootstrapOnProvidedAl2023()
    {
        Assert.Equal("provided.al2023", stack.Function.GetProperty("Runtime").GetString());
        Assert.Equal("bootstrap", stack.Function.GetProperty("Handler").GetString());
        Assert.Equal($"arn:aws:iam::123456789012:role/{AwsStackFixture.NamePrefix}-scorer", stack.Function.GetProperty("Role").GetString());
    }

    [Fact]
    public void FunctionEnvironment_NamesTheBucket_AndOnlyKnownSettings()
    {
        var variables = stack.Function.GetProperty("Environment").GetProperty("Variables");
        Assert.Equal($"s3://{stack.Outputs["model_bucket"]}/models", variables.GetProperty(EmberSettings.ModelStore).GetString());
        foreach (var variable in variables.EnumerateObject())
            Assert.True(KnownSettings.Ember.Contains(variable.Name), $"Lambda environment variable {variable.Name} is not an EmberSettings name.");
    }

    [Fact]
    public void RolePolicy_ScopesS3ToModelsInputsAndOutputsPrefixes()
    {
        string bucket = stack.BucketArn;
        var grants = S3Grants();
        Assert.Equal(
            new SortedSet<string>
            {
                $"s3:GetObject {bucket}/models/*",
                $"s3:PutObject {bucket}/models/*/_monitor/*",
                $"s3:GetObject {bucket}/inputs/*",
                $"s3:GetObject {bucket}/outputs/*",
                $"s3:PutObject {bucket}/outputs/*",
                $"s3:DeleteObject {bucket}/outputs/*",
                $"s3:AbortMultipartUpload {bucket}/outputs/*",
                $"s3:ListBucket {bucket}",
            },
            grants);

        var list = Statements().Single(s => Actions(s).Contains("s3:ListBucket"));
        var prefixes = list.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").EnumerateArray().Select(p => p.GetString()).Order();
        Assert.Equal(["inputs/*", "models/*", "outputs/*"], prefixes);
    }

    [Fact]
    public void RolePolicy_AllowsOnlyTheJobsQueueAndItsOwnLogs_AndNoWildcardResources()
    {
        string queueArn = stack.JobsQueueAttributes.GetProperty("QueueArn").GetString()!;
        string logGroupArn = stack.LogGroups.Single().GetProperty("arn").GetString()!.TrimEnd('*').TrimEnd(':');
        foreach (var statement in Statements())
        {
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            foreach (string action in Actions(statement))
                Assert.DoesNotContain("*", action, StringComparison.Ordinal);
            foreach (string resource in Resources(statement))
            {
                Assert.NotEqual("*", resource);
                string[] actions = Actions(statement);
                if (actions.All(a => a.StartsWith("sqs:", StringComparison.Ordinal)))
                    Assert.Equal(queueArn, resource);
                else if (actions.All(a => a.StartsWith("logs:", StringComparison.Ordinal)))
                    Assert.Equal(logGroupArn + ":*", resource);
                else
                    Assert.True(actions.All(a => a.StartsWith("s3:", StringComparison.Ordinal)), $"unexpected actions {string.Join(',', actions)}");
            }
        }
        Assert.Equal([AwsStackFixture.NamePrefix + "-scorer"], stack.InlinePolicyNames);
        Assert.Empty(stack.AttachedPolicyArns);
    }

    [Fact]
    public void JobsQueue_VisibilityTimeoutExceedsFunctionTimeout_AndRedrivesToTheDeadLetterQueue()
    {
        int functionTimeout = stack.Function.GetProperty("Timeout").GetInt32();
        int visibility = int.Parse(stack.JobsQueueAttributes.GetProperty("VisibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(visibility >= 6 * functionTimeout, $"visibility timeout {visibility}s is under 6 x the function timeout {functionTimeout}s");

        var redrive = JsonDocument.Parse(stack.JobsQueueAttributes.GetProperty("RedrivePolicy").GetString()!).RootElement;
        Assert.Equal(stack.DeadLetterQueueAttributes.GetProperty("QueueArn").GetString(), redrive.GetProperty("deadLetterTargetArn").GetString());
        Assert.InRange(redrive.GetProperty("maxReceiveCount").GetInt32(), 1, 100);
    }

    [Fact]
    public void Bucket_IsVersionedEncryptedAndClosedToThePublic()
    {
        Assert.Equal("Enabled", Element(stack.BucketVersioning, "Status"));
        Assert.Equal("AES256", Element(stack.BucketEncryption, "SSEAlgorithm"));
        foreach (var flag in new[] { "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets" })
            Assert.Equal("true", Element(stack.BucketPublicAccessBlock, flag), ignoreCase: true);
    }

    [Fact]
    public void HttpApi_RoutesApiAndStatusPage_ToTheFunctionWithPayload20()
    {
        Assert.Equal(["ANY /api/{proxy+}", "GET /"], stack.ApiRoutes.Select(r => r.GetProperty("routeKey").GetString()).Order(StringComparer.Ordinal));
        var integration = Assert.Single(stack.ApiIntegrations);
        Assert.Equal("2.0", integration.GetProperty("payloadFormatVersion").GetString());
        Assert.Equal("AWS_PROXY", integration.GetProperty("integrationType").GetString());
        Assert.Contains(stack.Function.GetProperty("FunctionArn").GetString()!, integration.GetProperty("integrationUri").GetString()!, StringComparison.Ordinal);
        string target = "integrations/" + integration.GetProperty("integrationId").GetString();
        Assert.All(stack.ApiRoutes, r => Assert.Equal(target, r.GetProperty("target").GetString()));
    }

    [Fact]
    public void LogGroup_OfTheFunction_HasRetention()
    {
        var group = Assert.Single(stack.LogGroups);
        Assert.Equal($"/aws/lambda/{AwsStackFixture.FunctionName}", group.GetProperty("logGroupName").GetString());
        Assert.True(group.TryGetProperty("retentionInDays", out var days) && days.GetInt32() > 0, "the log group keeps logs forever");
    }

    [Fact]
    public void Destroy_RemovesEverything_EvenWithoutTheLambdaPackage()
    {
        Assert.NotNull(stack.Destroy);
        stack.Destroy!.EnsureSuccess();
        Assert.Equal(0, stack.FunctionsLeft);
        Assert.Equal(0, stack.BucketsLeft);
        Assert.Equal(0, stack.QueuesLeft);
        Assert.Equal(0, stack.RolesLeft);
        Assert.Equal(0, stack.ApisLeft);
    }

    private JsonElement[] Statements() => [.. stack.RolePolicy.GetProperty("Statement").EnumerateArray()];

    private SortedSet<string> S3Grants()
    {
        var grants = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var statement in Statements())
            foreach (string action in Actions(statement).Where(a => a.StartsWith("s3:", StringComparison.Ordinal)))
                foreach (string resource in Resources(statement))
                    grants.Add($"{action} {resource}");
        return grants;
    }

    private static string[] Actions(JsonElement statement) => Strings(statement.GetProperty("Action"));

    private static string[] Resources(JsonElement statement) => Strings(statement.GetProperty("Resource"));

    // IAM JSON allows a single string or an array of strings.
    private static string[] Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];

    private static string? Element(System.Xml.Linq.XDocument? xml, string localName) =>
        xml?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
