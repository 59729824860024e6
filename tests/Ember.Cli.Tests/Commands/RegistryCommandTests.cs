using System.CommandLine;
using System.Globalization;
using Ember.Cli.Commands;
using Ember.Configuration;
using Xunit;

namespace Ember.Cli.Tests.Commands;

/// <summary>pack → push → models → promote → rollback against a file store, as a user runs them.</summary>
public sealed class RegistryCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-registry-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store => Path.Combine(_dir, "store");

    private string? Env(string name) => name == EmberSettings.ModelStore ? Store : null;

    private string Model(double threshold)
    {
        string dir = Path.Combine(_dir, "spark-" + threshold.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(dir, "metadata"));
        File.WriteAllText(Path.Combine(dir, "metadata", "part-00000"),
            "{\"class\":\"org.apache.spark.ml.feature.Binarizer\",\"timestamp\":1,\"sparkVersion\":\"3.5.0\",\"uid\":\"Binarizer_cli\","
            + $"\"paramMap\":{{\"inputCol\":\"x\",\"outputCol\":\"y\",\"threshold\":{threshold.ToString(CultureInfo.InvariantCulture)}}},\"defaultParamMap\":{{}}}}\n");
        return dir;
    }

    private string Pack(string version, double threshold)
    {
        string examples = Path.Combine(_dir, "examples.jsonl");
        File.WriteAllText(examples, "{\"x\": 0.2}\n\n{\"input\": {\"x\": 0.95}, \"output\": {\"y\": 1.0}}\n");
        string bundle = Path.Combine(_dir, $"iris-{version}.zip");
        Assert.Equal(0, PackCommand.Run(Model(threshold), new PackCommand.Arguments("iris", version, bundle, examples, "iris test"), _out, _err));
        return bundle;
    }

    [Fact]
    public async Task PackPushPromoteRollback_AndModelsShowsEachStep()
    {
        string one = Pack("1", 0.5);
        string two = Pack("2", 0.7);
        Assert.Contains("examples: 2", _out.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await PushCommand.RunAsync(one, null, null, null, _out, _err, Env, default));
        Assert.Equal(0, await PushCommand.RunAsync(two, null, null, Store, _out, _err, _ => null, default));
        Assert.Equal(0, await PromoteCommand.RunAsync("iris", "1", "prod", null, null, _out, _err, Env, default));
        Assert.Equal(0, await PromoteCommand.RunAsync("iris", "2", "prod", 20, null, _out, _err, Env, default));
        Assert.Contains("iris@prod -> 1, canary 2 at 20%", _out.ToString(), StringComparison.Ordinal);

        var listing = new StringWriter();
        Assert.Equal(0, await ModelsCommand.RunAsync(null, listing, _err, Env, default));
        Assert.Equal("iris\n  versions: 1, 2\n  prod -> 1, canary 2 at 20%\n", listing.ToString().Replace("\r", ""));

        Assert.Equal(0, await RollbackCommand.RunAsync("iris", "prod", null, _out, _err, Env, default));
        listing = new StringWriter();
        await ModelsCommand.RunAsync(null, listing, _err, Env, default);
        Assert.Contains("  prod -> 1\n", listing.ToString().Replace("\r", ""), StringComparison.Ordinal);
        Assert.Equal("", _err.ToString());
    }

    [Fact]
    public async Task Push_TamperedBundle_IsRefused_NamingTheFile_AndNothingIsUploaded()
    {
        string bundle = Path.Combine(_dir, "tampered");
        Assert.Equal(0, PackCommand.Run(Model(0.5), new PackCommand.Arguments("iris", "1", bundle), _out, _err));
        File.AppendAllText(Path.Combine(bundle, "model", "metadata", "part-00000"), "\n");

        Assert.Equal(1, await PushCommand.RunAsync(bundle, null, null, Store, _out, _err, _ => null, default));
        Assert.Contains("'model/metadata/part-00000' has changed", _err.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Store, "iris")));
    }

    [Fact]
    public async Task Push_SameVersionTwice_IsRefused()
    {
        string bundle = Pack("1", 0.5);
        Assert.Equal(0, await PushCommand.RunAsync(bundle, null, null, Store, _out, _err, _ => null, default));
        Assert.Equal(1, await PushCommand.RunAsync(bundle, null, null, Store, _out, _err, _ => null, default));
        Assert.Contains("already exists", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_BareSparkDirectory_NeedsNameAndVersion()
    {
        string model = Model(0.5);
        Assert.Equal(1, await PushCommand.RunAsync(model, null, null, Store, _out, _err, _ => null, default));
        Assert.Contains("--name and --version", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await PushCommand.RunAsync(model, "raw", "1", Store, _out, _err, _ => null, default));
    }

    [Fact]
    public async Task Promote_UnknownVersion_And_RollbackWithoutHistory_FailWithMessages()
    {
        Assert.Equal(0, await PushCommand.RunAsync(Pack("1", 0.5), null, null, Store, _out, _err, _ => null, default));
        Assert.Equal(1, await PromoteCommand.RunAsync("iris", "7", "prod", null, Store, _out, _err, _ => null, default));
        Assert.Contains("version '7'", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await PromoteCommand.RunAsync("iris", "1", "prod", null, Store, _out, _err, _ => null, default));
        Assert.Equal(1, await RollbackCommand.RunAsync("iris", "prod", Store, _out, _err, _ => null, default));
        Assert.Contains("no earlier version", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_MissingRequiredOptions_IsAParseError()
    {
        var root = new RootCommand();
        foreach (var c in CommandCatalog.All())
            root.Subcommands.Add(c);
        var parse = root.Parse(["pack", Model(0.5), "--name", "iris"]);
        Assert.NotEmpty(parse.Errors);
        Assert.Empty(root.Parse(["promote", "iris", "2", "--alias", "prod", "--weight", "10", "--store", Store]).Errors);
    }
}
