using Ember.Configuration;
using Ember.Infra.Tests.Bicep;
using Xunit;

namespace Ember.Infra.Tests.Settings;

/// <summary>
/// One source of truth for setting names: whatever the templates set must be a name the hosts
/// read (EmberSettings) or a documented platform setting, and both set what a deployment needs.
/// </summary>
[Trait(InfraTrait.Name, InfraTrait.Value)]
public sealed class SettingsSourceOfTruthTests
{
    [Fact]
    public void KnownSettings_AreReadFromEmberSettingsConstants()
    {
        Assert.Contains(EmberSettings.ModelStore, KnownSettings.Ember);
        Assert.Contains(EmberSettings.CacheMegabytes, KnownSettings.Ember);
        Assert.Contains(EmberSettings.AzureWebJobsStorage, KnownSettings.Ember);
        Assert.DoesNotContain("EMBER_NOT_A_SETTING", KnownSettings.Ember);
    }

    [Fact]
    public void TerraformLambdaEnvironment_SetsOnlyEmberSettings()
    {
        foreach (string name in TerraformLambdaEnvironment.Names())
            Assert.True(KnownSettings.Ember.Contains(name), $"infra/terraform/locals.tf sets {name}, which no host reads (not in EmberSettings).");
    }

    [Fact]
    public void BicepAppSettings_AreEmberOrDocumentedPlatformSettings()
    {
        foreach (var setting in BicepTemplateTests.Template.AppSettings())
            Assert.True(KnownSettings.AzureReason(setting.Name) is not null,
                $"infra/bicep/main.bicep line {setting.Line} sets {setting.Name}: neither an EmberSettings name nor a documented Functions platform setting.");
    }

    [Fact]
    public void BothTemplates_SetEverySettingADeploymentNeeds()
    {
        var terraform = TerraformLambdaEnvironment.Names();
        var bicep = BicepTemplateTests.Template.AppSettings().Select(s => s.Name).ToList();
        foreach (string required in KnownSettings.RequiredByEveryDeployment)
        {
            Assert.Contains(required, terraform);
            Assert.Contains(required, bicep);
        }
    }

    [Fact]
    public void BothTemplates_ExposeTheSameTunableEmberSettings()
    {
        // A knob available on one cloud and missing on the other is an oversight, not a design.
        var terraform = TerraformLambdaEnvironment.Names().Where(n => n.StartsWith("EMBER_", StringComparison.Ordinal)).Order();
        var bicep = BicepTemplateTests.Template.AppSettings().Select(s => s.Name).Where(n => n.StartsWith("EMBER_", StringComparison.Ordinal)).Order();
        Assert.Equal(terraform, bicep);
    }

    [Fact]
    public void TerraformReader_FindsKeysOfEveryMergedObject_AndIgnoresStringsAndComments()
    {
        const string hcl = """
            locals {
              other = { NOT_THIS = 1 }
              lambda_environment = merge(
                {
                  A_ONE = "x (y"   # B_FAKE = 1
                  A_TWO = "${var.z == "" ? ")" : "w"}"
                },
                var.p == "" ? {} : {
                  A_THREE = var.p
                },
              )
            }
            """;
        Assert.Equal(["A_ONE", "A_TWO", "A_THREE"], TerraformLambdaEnvironment.Names(hcl));
    }

    [Fact]
    public void TerraformReader_RejectsQuotedKeys()
    {
        const string hcl = "locals {\n  lambda_environment = {\n    \"EMBER_X\" = 1\n  }\n}\n";
        var error = Assert.Throws<FormatException>(() => TerraformLambdaEnvironment.Names(hcl));
        Assert.Contains("quoted key", error.Message, StringComparison.Ordinal);
    }
}
