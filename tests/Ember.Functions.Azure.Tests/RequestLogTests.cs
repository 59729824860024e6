using System.Text;
using Ember.Functions.Azure.Tests.Support;

namespace Ember.Functions.Azure.Tests;

/// <summary>One JSON line per request on stdout: method, path, status, latency; never bodies or query values.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task RequestLog_EachRequest_WritesOneLineWithMethodPathStatusAndLatency()
    {
        await using var host = await RunningHost.StartAsync();
        host.Api.Respond = r => Ember.Api.ApiResponse.Text(r.Path.EndsWith("missing") ? 404 : 200, "x");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/m/predict?customer=SECRET_QUERY")
        {
            Content = new StringContent("{\"rows\":[{\"ssn\":\"SECRET_ROW\"}]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", "inv-1");
        (await host.Client.SendAsync(request)).Dispose();
        (await host.Client.GetAsync("/api/models/missing")).Dispose();

        var lines = host.Log.Events("request");
        Assert.Equal(2, lines.Count);
        Assert.Equal("POST", lines[0].GetProperty("method").GetString());
        Assert.Equal("/api/models/m/predict", lines[0].GetProperty("path").GetString());
        Assert.Equal(200, lines[0].GetProperty("status").GetInt32());
        Assert.True(lines[0].GetProperty("ms").GetDouble() >= 0);
        Assert.Equal("inv-1", lines[0].GetProperty("invocationId").GetString());
        Assert.Equal("info", lines[0].GetProperty("level").GetString());
        Assert.Equal(404, lines[1].GetProperty("status").GetInt32());
        Assert.DoesNotContain("SECRET", host.Log.Text);
    }

    [Fact]
    public async Task RequestLog_Invocation_NamesTheFunction()
    {
        await using var host = await RunningHost.StartAsync();

        (await host.Client.PostAsync("/batch", new StringContent("{\"Data\":{\"job\":\"{}\"},\"Metadata\":{}}"))).Dispose();

        var line = Assert.Single(host.Log.Events("request"));
        Assert.Equal("batch", line.GetProperty("function").GetString());
        Assert.Equal("/batch", line.GetProperty("path").GetString());
    }
}
