using Xunit;

namespace Ember.Testing;

/// <summary>
/// A real moto_server (S3, SQS, IAM, Lambda... emulator) on a free 127.0.0.1 port. moto accepts
/// any credentials; use <see cref="AccessKey"/>/<see cref="SecretKey"/> and region us-east-1.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string AccessKey = "test";
    public const string SecretKey = "test";
    public const string Region = "us-east-1";

    private EmulatorProcess? _process;

    public int Port { get; private set; }
    public string Endpoint => $"http://127.0.0.1:{Port}";
    public EmulatorProcess Process => _process ?? throw new InvalidOperationException("moto_server is not started");

    /// <summary>Settings that point an AWS SDK client at this server.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = Region,
    };

    /// <summary>A private instance for one test (e.g. one that kills it); dispose it.</summary>
    public static async Task<MotoFixture> StartNewAsync()
    {
        var fixture = new MotoFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    public async Task InitializeAsync()
    {
        Port = EmulatorProcess.FreePort();
        _process = await EmulatorProcess.StartAsync("moto_server", "moto_server",
            ["-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], [Port]);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
