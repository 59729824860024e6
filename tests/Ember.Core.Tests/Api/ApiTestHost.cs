using Xunit;
using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Monitoring;
using Ember.Serving;
using Ember.Storage;
using Ember.Storage.Registry;
using Ember.Testing;

namespace Ember.Core.Tests.Api;

/// <summary>
/// An EmberApi over a private copy of samples/models (so tests may add versions, aliases and
/// broken models), and helpers to send requests in process.
/// </summary>
internal sealed class ApiTestHost : IDisposable
{
    public ApiTestHost(Action<string>? prepareStore = null, ApiOptions? options = null, IModelProvider? provider = null, MonitorHub? monitor = null)
    {
        Store = Path.Combine(Path.GetTempPath(), "ember-api-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(Corpus.RepositoryRoot, "samples", "models"), Store);
        prepareStore?.Invoke(Store);
        Options = options ?? new ApiOptions();
        // The hosts' provider: the model cache over a file store on the copy.
        Provider = provider ?? new ModelCache(new ModelRepository(new FileStore(Store)), metrics: Options.Metrics);
        Api = new EmberApi(Provider, Options, monitor);
    }

    public string Store { get; }

    public ApiOptions Options { get; }

    public IModelProvider Provider { get; }

    public EmberApi Api { get; }

    public Task<ApiResponse> PostAsync(string path, string body, string? contentType = "application/json") =>
        SendAsync("POST", path, Encoding.UTF8.GetBytes(body), contentType);

    public Task<ApiResponse> GetAsync(string path) => SendAsync("GET", path, [], null);

    public Task<ApiResponse> SendAsync(string method, string path, byte[] body, string? contentType)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        int q = path.IndexOf('?');
        if (q >= 0)
        {
            foreach (var pair in path[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                query[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            }
            path = path[..q];
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (contentType is not null)
            headers["Content-Type"] = contentType;
        return Api.HandleAsync(new ApiRequest(method, path, query, headers, body), CancellationToken.None);
    }

    public static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement;

    public static string Text(ApiResponse response) => Encoding.UTF8.GetString(response.Body.Span);

    /// <summary>Asserts a problem+json answer with this status and type; returns the problem.</summary>
    public static JsonElement AssertProblem(ApiResponse response, int status, string type)
    {
        Assert.True(status == response.Status, $"expected {status} but got {response.Status}: {Text(response)}");
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = Json(response);
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public void Dispose()
    {
        (Provider as IDisposable)?.Dispose();
        try
        {
            Directory.Delete(Store, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from))
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
