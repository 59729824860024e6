using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Ember.Cli.Commands;
using Ember.Configuration;
using Ember.Storage;
using Ember.Testing;
using Xunit;

namespace Ember.Cli.Tests.Commands;

/// <summary>
/// `ember monitor &lt;name&gt; --store &lt;uri&gt; --prune-older-than &lt;duration&gt; [--dry-run]` over a
/// file store, a real moto S3 and a real Azurite Blob container.
/// </summary>
public sealed class MonitorPruneTests(MotoFixture moto, AzuriteFixture azurite) : IClassFixture<MotoFixture>, IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ember-prune-").FullName;
    private readonly string _container = "c" + Guid.NewGuid().ToString("N");
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A store URI of each kind, created empty, and the settings that open it.</summary>
    private async Task<(string Uri, Func<string, string?> Environment)> StoreAsync(string kind)
    {
        switch (kind)
        {
            case "file":
                return (_dir, _ => null);
            case "s3":
                using (var client = new AmazonS3Client(new BasicAWSCredentials(MotoFixture.AccessKey, MotoFixture.SecretKey),
                           new AmazonS3Config { ServiceURL = moto.Endpoint, ForcePathStyle = true, AuthenticationRegion = MotoFixture.Region }))
                    await client.PutBucketAsync(_container);
                return ($"s3://{_container}/models", name => moto.Environment.TryGetValue(name, out var v) ? v : null);
            default:
                Func<string, string?> blobEnvironment = name => name == EmberSettings.BlobConnection ? azurite.ConnectionString : null;
                string uri = $"{azurite.BlobEndpoint}/{_container}/models";
                using (var blob = (BlobStore)ObjectStoreFactory.FromUri(uri, blobEnvironment))
                    await blob.CreateContainerIfMissingAsync();
                return (uri, blobEnvironment);
        }
    }

    private static string KeyAt(DateTimeOffset windowEnd, string version = "1", string instance = "inst1") =>
        $"churn/_monitor/{version}/{windowEnd.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/"
        + $"{windowEnd.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture)}-{instance}.json";

    [Theory]
    [InlineData("file")]
    [InlineData("s3")]
    [InlineData("blob")]
    public async Task Prune_DeletesOldSnapshots_DryRunFirstDeletesNothing(string kind)
    {
        var (uri, environment) = await StoreAsync(kind);
        var now = DateTimeOffset.UtcNow;
        string[] old = [KeyAt(now.AddDays(-45)), KeyAt(now.AddDays(-31), instance: "inst2"), KeyAt(now.AddDays(-31).AddHours(-1), "2")];
        string[] recent = [KeyAt(now.AddDays(-29)), KeyAt(now.AddMinutes(-5)), KeyAt(now.AddMinutes(-5), "2"), "churn/1/ember.json"];
        using (var store = ObjectStoreFactory.FromUri(uri, environment))
            foreach (string key in old.Concat(recent))
                await store.PutAsync(key, "{}"u8.ToArray());

        Assert.Equal(0, await MonitorPrune.RunAsync("churn", uri, "30d", dryRun: true, environment, _out, _err, CancellationToken.None));
        Assert.Contains("churn: would delete 3 snapshot(s)", _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(old.Length + recent.Length, (await KeysAsync(uri, environment)).Count);

        Assert.Equal(0, await MonitorPrune.RunAsync("churn", uri, "30d", dryRun: false, environment, _out, _err, CancellationToken.None));

        Assert.Contains("churn: deleted 3 snapshot(s)", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("deleted      1 snapshot(s) in " + old[0][..(old[0].LastIndexOf('/') + 1)], _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(recent.Order(StringComparer.Ordinal), await KeysAsync(uri, environment));
        Assert.Equal("", _err.ToString());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("12h")]
    [InlineData("0d")]
    public async Task Prune_DurationNotADayOrMore_IsRefusedBeforeTouchingTheStore(string olderThan)
    {
        Assert.Equal(2, await MonitorPrune.RunAsync("churn", "s3://never-opened", olderThan, false, _ => null, _out, _err, CancellationToken.None));
        Assert.Contains("--prune-older-than '" + olderThan + "'", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_UnreachableStore_FailsNamingIt()
    {
        string uri = $"http://127.0.0.1:{EmulatorProcess.FreePort()}/devstoreaccount1/gone";
        Assert.Equal(1, await MonitorPrune.RunAsync("churn", uri, "30d", false,
            name => name == EmberSettings.AzureWebJobsStorage ? "UseDevelopmentStorage=true" : null, _out, _err, CancellationToken.None));
        Assert.Contains("ember monitor:", _err.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeysAsync(string uri, Func<string, string?> environment)
    {
        using var store = ObjectStoreFactory.FromUri(uri, environment);
        var keys = new List<string>();
        await foreach (var entry in store.ListAllAsync("churn/"))
            keys.Add(entry.Key);
        return keys.Order(StringComparer.Ordinal).ToList();
    }
}
