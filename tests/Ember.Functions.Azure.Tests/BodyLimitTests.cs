using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Ember.Configuration;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests;

/// <summary>EMBER_MAX_BODY_BYTES: over it is 413 problem+json from the host, decided before the body is buffered.</summary>
public sealed class BodyLimitTests
{
    private static readonly Dictionary<string, string> Limit100 = new() { [EmberSettings.MaxRequestBytes] = "100" };

    [Fact]
    public async Task BodyLimit_ContentLengthOverLimit_Is413ProblemAndApiIsNotCalled()
    {
        await using var host = await RunningHost.StartAsync(Limit100);

        using var response = await host.Client.PostAsync("/api/models/m/predict", new ByteArrayContent(new byte[101]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal("request_too_large", problem.GetProperty("code").GetString());
        Assert.Contains(EmberSettings.MaxRequestBytes, problem.GetProperty("detail").GetString());
        Assert.Empty(host.Api.Requests);
    }

    [Fact]
    public async Task BodyLimit_ContentLengthExactlyAtLimit_IsForwarded()
    {
        await using var host = await RunningHost.StartAsync(Limit100);

        using var response = await host.Client.PostAsync("/api/models/m/predict", new ByteArrayContent(new byte[100]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, host.Api.Single.Body.Length);
    }

    [Fact]
    public async Task BodyLimit_ChunkedOverLimit_Is413()
    {
        await using var host = await RunningHost.StartAsync(Limit100);

        using var response = await host.Client.PostAsync("/api/models/m/predict", new ChunkedContent(Encoding.UTF8.GetBytes(new string('a', 150)), 40));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Api.Requests);
    }

    [Fact]
    public async Task BodyLimit_ChunkedUnderLimit_IsForwardedWhole()
    {
        await using var host = await RunningHost.StartAsync();
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},")));

        using var response = await host.Client.PostAsync("/api/models/m/predict", new ChunkedContent(payload, 777));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, host.Api.Single.Body.ToArray());
    }

    [Fact]
    public async Task BodyLimit_HugeDeclaredLength_IsRefusedBeforeTheBodyIsSent()
    {
        // Only the headers are sent: a host that waited for 1 GiB before answering would time out here.
        await using var host = await RunningHost.StartAsync(Limit100);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /api/models/m/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("four")]
    [InlineData("999999999999")]
    public async Task BodyLimit_BadSetting_StopsStartWithTheSettingName(string value)
    {
        var ex = await Assert.ThrowsAsync<HostStartupException>(() =>
            RunningHost.StartAsync(new Dictionary<string, string> { [EmberSettings.MaxRequestBytes] = value }));

        Assert.Contains(EmberSettings.MaxRequestBytes, ex.Message);
        Assert.Contains(value, ex.Message);
    }

    /// <summary>Content with no length, so HttpClient sends Transfer-Encoding: chunked, in pieces.</summary>
    private sealed class ChunkedContent(byte[] payload, int chunk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < payload.Length; i += chunk)
            {
                await stream.WriteAsync(payload.AsMemory(i, Math.Min(chunk, payload.Length - i)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
