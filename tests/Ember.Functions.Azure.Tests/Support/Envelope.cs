using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ember.Functions.Azure.Tests.Support;

/// <summary>Posts invocation envelopes the way the Functions host does and reads the reply.</summary>
internal static class Envelope
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string function, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function)
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.0");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>What Newtonsoft's JsonConvert.SerializeObject does to a string: the host applies it to queue messages.</summary>
    public static string Encode(string value) => JsonSerializer.Serialize(value);
}
