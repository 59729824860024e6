using Xunit;

namespace Ember.Testing;

/// <summary>
/// A real Azurite (Blob, Queue, Table) on free 127.0.0.1 ports, in-memory, for the lifetime of a
/// test class or collection. Installed by scripts/install-test-tools.sh into .tools/.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string Account = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private EmulatorProcess? _process;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }

    /// <summary>Path-style account endpoint: http://127.0.0.1:PORT/devstoreaccount1.</summary>
    public string BlobEndpoint => $"http://127.0.0.1:{BlobPort}/{Account}";
    public string QueueEndpoint => $"http://127.0.0.1:{QueuePort}/{Account}";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};";

    public EmulatorProcess Process => _process ?? throw new InvalidOperationException("Azurite is not started");

    /// <summary>A private instance for one test (e.g. one that kills it); dispose it.</summary>
    public static async Task<AzuriteFixture> StartNewAsync()
    {
        var fixture = new AzuriteFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    public async Task InitializeAsync()
    {
        string azurite = Path.Combine(Corpus.RepositoryRoot, ".tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new FileNotFoundException($"Azurite is not installed at {azurite}: run scripts/install-test-tools.sh once.");
        int blob = EmulatorProcess.FreePort(), queue = EmulatorProcess.FreePort(), table = EmulatorProcess.FreePort();
        string workDir = Directory.CreateTempSubdirectory("ember-azurite-").FullName;
        _process = await EmulatorProcess.StartAsync("Azurite", azurite,
        [
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ], [blob, queue], workDir);
        BlobPort = blob;
        QueuePort = queue;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
