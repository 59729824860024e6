using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ember.Functions.Lambda.Tests.Process;

/// <summary>
/// moto_server on a free 127.0.0.1 port, started by the tests (it fails loudly when it cannot
/// start), with plain path-style S3 calls to create buckets and upload objects: moto does not
/// check signatures, so no SDK is needed to seed it.
/// </summary>
public sealed class MotoS3 : IAsyncLifetime
{
    private System.Diagnostics.Process? _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        int port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("moto_server", $"-H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("moto_server is not on PATH: run scripts/install-test-tools.sh.", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync($"{Endpoint}/moto-api/");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
            }
            if (_process.HasExited || DateTime.UtcNow >= until)
                throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Creates a bucket; one that already exists (409, created by another test) is fine.</summary>
    public async Task CreateBucketAsync(string bucket)
    {
        using var response = await _http.PutAsync($"{Endpoint}/{bucket}", null);
        if (response.StatusCode != HttpStatusCode.Conflict) response.EnsureSuccessStatusCode();
    }

    /// <summary>Uploads every file under a folder to s3://bucket/prefix/relative-path.</summary>
    public async Task UploadDirectoryAsync(string folder, string bucket, string prefix)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string key = prefix.TrimEnd('/') + "/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            using var response = await _http.PutAsync($"{Endpoint}/{bucket}/{key}", content);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Pushes a model folder as `ember push` does (its files, their pack, the push manifest) to s3://bucket/root/model/version/.</summary>
    public async Task PushAsync(string folder, string bucket, string root, string model, string version)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_S3"] = Endpoint,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        using var store = Ember.Storage.ObjectStoreFactory.FromUri($"s3://{bucket}/{root}", name => environment.GetValueOrDefault(name));
        await new Ember.Storage.Registry.ModelRepository(store).PushAsync(model, version, folder);
    }

    public async Task<int> CountObjectsAsync(string bucket, string prefix)
    {
        string list = await _http.GetStringAsync($"{Endpoint}/{bucket}?list-type=2&prefix={Uri.EscapeDataString(prefix)}");
        return list.Split("<Key>").Length - 1;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
