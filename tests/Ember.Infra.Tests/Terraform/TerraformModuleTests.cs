using System.Text.RegularExpressions;
using Ember.Infra.Tests.Tools;
using Xunit;

namespace Ember.Infra.Tests.Terraform;

/// <summary>What CI checks of the Terraform module before anything is applied.</summary>
[Trait(InfraTrait.Name, InfraTrait.Value)]
public sealed class TerraformModuleTests
{
    [Fact]
    public async Task Module_IsFormatted()
    {
        var terraform = Tools.Terraform.Locate();
        var result = await terraform.RunAsync(Tools.Terraform.ModuleDirectory, TimeSpan.FromMinutes(1), "fmt", "-check", "-recursive", "-diff", "-no-color");
        Assert.True(result.ExitCode == 0, $"terraform fmt -check found unformatted files (run `terraform fmt -recursive infra/terraform`):\n{result.StdOut}{result.StdErr}");
    }

    [Fact]
    public async Task TestOverride_IsFormatted()
    {
        var terraform = Tools.Terraform.Locate();
        var result = await terraform.RunAsync(Tools.Terraform.TestFilesDirectory, TimeSpan.FromMinutes(1), "fmt", "-check", "-diff", "-no-color");
        Assert.True(result.ExitCode == 0, $"terraform fmt -check:\n{result.StdOut}{result.StdErr}");
    }

    [Fact]
    public async Task Module_Validates_WithTheOfflineProvider()
    {
        var terraform = Tools.Terraform.Locate();
        using var work = new TemporaryDirectory("tf-validate");
        TemporaryDirectory.CopyTree(Tools.Terraform.ModuleDirectory, work.Path);
        await terraform.InitAsync(work.Path);
        var result = await terraform.RunAsync(work.Path, TimeSpan.FromMinutes(1), "validate", "-no-color");
        Assert.True(result.ExitCode == 0, $"terraform validate failed:\n{result.StdOut}{result.StdErr}");
    }

    [Fact]
    public void ShippedModule_CarriesNoEmulatorEndpointsOrCredentials()
    {
        foreach (var file in Directory.EnumerateFiles(Tools.Terraform.ModuleDirectory, "*.tf", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            string name = Path.GetFileName(file);
            Assert.False(name.EndsWith("_override.tf", StringComparison.Ordinal) || name == "override.tf", $"{name}: override files belong to the tests only");
            foreach (var forbidden in new[] { @"\bendpoints\s*\{", @"\baccess_key\s*=", @"\bsecret_key\s*=", "skip_credentials_validation", @"127\.0\.0\.1", "localhost" })
                Assert.False(Regex.IsMatch(text, forbidden), $"{name} matches '{forbidden}': emulator settings belong in tests/Ember.Infra.Tests/Terraform/moto_override.tf");
        }
    }
}
