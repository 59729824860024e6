using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Ember.Infra.Tests.Tools;

/// <summary>
/// Reads back what Terraform created, straight from moto's AWS APIs. moto does not check
/// signatures; it only reads the service name from the credential scope of the Authorization
/// header to route a request, so a syntactically valid fake header is enough.
/// </summary>
internal sealed class MotoClient(string baseUrl) : IDisposable
{
    private const string Region = "us-east-1";
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose() => _http.Dispose();

    /// <summary>A REST/JSON GET (Lambda, API Gateway v2). Null for 404.</summary>
    public async Task<JsonDocument?> GetJsonAsync(string service, string path)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Get, path));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return JsonDocument.Parse(await ReadSuccessAsync(response, service, path));
    }

    /// <summary>An AWS JSON-protocol call (SQS, CloudWatch Logs): POST / with X-Amz-Target.</summary>
    public async Task<JsonDocument> CallJsonAsync(string service, string target, string jsonVersion, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue($"application/x-amz-json-{jsonVersion}");
        request.Headers.Add("X-Amz-Target", target);
        using var response = await SendAsync(service, request);
        return JsonDocument.Parse(await ReadSuccessAsync(response, service, target));
    }

    /// <summary>An XML GET (S3 path-style, IAM/STS query protocol). Null for 404.</summary>
    public async Task<XDocument?> GetXmlAsync(string service, string pathAndQuery)
    {
        using var response = await SendAsync(service, new HttpRequestMessage(HttpMethod.Get, pathAndQuery));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return XDocument.Parse(await ReadSuccessAsync(response, service, pathAndQuery));
    }

    private Task<HttpResponseMessage> SendAsync(string service, HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/20260101/{Region}/{service}/aws4_request, SignedHeaders=host, Signature=00");
        return _http.SendAsync(request);
    }

    private static async Task<string> ReadSuccessAsync(HttpResponseMessage response, string service, string what)
    {
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"moto {service} {what} answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
