using Ember.Configuration;
using Ember.Infra.Tests.Settings;
using Xunit;

namespace Ember.Infra.Tests.Bicep;

/// <summary>infra/bicep/main.bicep, checked without a Bicep compiler (none is available here).</summary>
[Trait(InfraTrait.Name, InfraTrait.Value)]
public sealed class BicepTemplateTests
{
    public static string TemplatePath => Path.Combine(Ember.Testing.Corpus.RepositoryRoot, "infra", "bicep", "main.bicep");

    private static readonly Lazy<BicepTemplate> Parsed = new(() => BicepTemplate.Load(TemplatePath));

    internal static BicepTemplate Template => Parsed.Value;

    [Fact]
    public void Parameters_AreDescribedAndDefaulted()
    {
        Assert.NotEmpty(Template.Parameters);
        foreach (var parameter in Template.Parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"param {parameter.Name} (line {parameter.Line}) has no @description");
            Assert.True(parameter.HasDefault, $"param {parameter.Name} has no default: `./deploy.sh azure` passes only namePrefix and the deployer");
        }
    }

    [Fact]
    public void Parameters_AreAllUsed()
    {
        foreach (var parameter in Template.Parameters)
        {
            int uses = Template.Tokens.SelectMany(t => t.SelfAndNested()).Count(t => t.IsIdentifier(parameter.Name));
            Assert.True(uses >= 2, $"param {parameter.Name} is declared but never used");
        }
    }

    [Fact]
    public void AppSettings_TunableEmberSettings_ComeFromParameters()
    {
        var parameters = Template.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var setting in Template.AppSettings().Where(s => s.Name is EmberSettings.CacheMegabytes or EmberSettings.AliasRefreshSeconds or EmberSettings.Preload))
            Assert.True(setting.Value.Any(t => t.Kind == BicepTokenKind.Identifier && parameters.Contains(t.Text!)),
                $"{setting.Name} is fixed in the template; expose it as a parameter like the Terraform variable");
    }

    [Fact]
    public void AppSettings_UseIdentityForHostStorage_AndNoKeys()
    {
        var names = Template.AppSettings().Select(s => s.Name).ToList();
        Assert.Contains(EmberSettings.AzureWebJobsStorage + "__accountName", names);
        Assert.DoesNotContain(EmberSettings.AzureWebJobsStorage, names); // the connection-string form
        Assert.DoesNotContain(EmberSettings.BlobConnection, names);
        Assert.DoesNotContain(Template.Tokens, t => t.IsIdentifier("listKeys") || t.IsIdentifier("listkeys"));
        Assert.Equal(["false"], Template.PropertyValues("allowSharedKeyAccess").Select(v => Assert.Single(v).Text));
    }

    [Fact]
    public void AppSettings_AreUnique_AndNoneRejectedByFlexConsumption()
    {
        var names = Template.AppSettings().Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (string name in names)
            Assert.False(KnownSettings.RejectedByFlexConsumption.Contains(name), $"{name} is rejected on Flex Consumption (set in functionAppConfig instead)");
    }

    [Fact]
    public void Plan_IsFlexConsumption_RunningTheCustomHandlerRuntime()
    {
        Assert.Contains("FlexConsumption", Template.PropertyStrings("tier"));
        Assert.Contains("FC1", Template.PropertyStrings("name"));
        var runtime = Assert.Single(Template.PropertyValues("runtime"));
        string text = string.Join(' ', runtime.Where(t => t.Kind is not BicepTokenKind.Newline));
        Assert.Contains("name : 'custom'", text, StringComparison.Ordinal);
        Assert.Contains("version : '1.0'", text, StringComparison.Ordinal);
        Assert.Equal("functionapp,linux", Template.PropertyStrings("kind").Single(k => k is not null && k.StartsWith("functionapp,", StringComparison.Ordinal)));
    }

    [Fact]
    public void ModelStoreOutput_IsExactlyTheValueOfEmberModelStore()
    {
        var setting = Template.AppSettings().Single(s => s.Name == EmberSettings.ModelStore);
        var output = Template.Outputs.Single(o => o.Name == "modelStore");
        Assert.Equal(Render(setting.Value), Render(output.Value));
    }

    [Fact]
    public void Outputs_AreDescribedStrings()
    {
        foreach (var output in Template.Outputs)
        {
            Assert.False(string.IsNullOrWhiteSpace(output.Description), $"output {output.Name} has no @description");
            Assert.Equal("string", output.Type);
        }
    }

    [Fact]
    public void JobsQueue_IsTheQueueTheBatchFunctionListensTo()
    {
        var declared = Assert.Single(Template.Variable("jobsQueueName"));
        Assert.Equal(BatchFunctionQueueName(), declared.Text);
    }

    [Fact]
    public void RoleAssignments_CoverBlobsAndTheJobsQueueForTheAppIdentity()
    {
        string text = string.Join(' ', Template.Tokens.Select(t => t.ToString()));
        foreach (string role in new[] { "storageBlobDataOwner", "storageQueueDataReader", "storageQueueDataMessageProcessor", "monitoringMetricsPublisher" })
            Assert.Contains($"roles . {role} )", text, StringComparison.Ordinal);
        Assert.Contains("scope : jobsQueue", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The queueName of the queue trigger in src/Functions.Azure/*/function.json; until those files
    /// exist on this branch, the contract name the Azure host is being built with.
    /// </summary>
    private static string BatchFunctionQueueName()
    {
        string functions = Path.Combine(Ember.Testing.Corpus.RepositoryRoot, "src", "Functions.Azure");
        var queueNames = Directory.EnumerateFiles(functions, "function.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "queueTrigger")
            .Select(b => b.GetProperty("queueName").GetString()!)
            .Distinct()
            .ToList();
        return queueNames.Count switch
        {
            0 => "ember-jobs",
            1 => queueNames[0],
            _ => throw new InvalidOperationException($"Several queue triggers ({string.Join(", ", queueNames)}): the template has one jobs queue."),
        };
    }

    private static string Render(IReadOnlyList<BicepToken> tokens) =>
        string.Join(' ', tokens.Where(t => t.Kind != BicepTokenKind.Newline).Select(t => t.ToString()));
}
