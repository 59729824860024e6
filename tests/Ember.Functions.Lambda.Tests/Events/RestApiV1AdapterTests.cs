using System.Text;
using System.Text.Json;
using Ember.Functions.Lambda.Events;
using Ember.Functions.Lambda.Tests.Fakes;

namespace Ember.Functions.Lambda.Tests.Events;

public sealed class RestApiV1AdapterTests
{
    [Fact]
    public async Task RestEvent_MultiValueHeadersAndQuery_ReachTheApi()
    {
        var api = new FakeApiHandler();

        var result = await new RestApiV1Adapter(api).HandleAsync(Encoding.UTF8.GetBytes(TestEvents.RestV1("post", "/api/models/m/predict", "{}")), CancellationToken.None);

        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/models/m/predict", request.Path);
        Assert.Equal("a, b", request.Header("x-trace"));
        Assert.Equal("b", request.QueryValue("model"));
        Assert.Equal("{}", Encoding.UTF8.GetString(request.Body.Span));
        var reply = JsonDocument.Parse(result.Response).RootElement;
        Assert.Equal(200, reply.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", reply.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal("{\"ok\":true}", reply.GetProperty("body").GetString());
    }

    [Fact]
    public async Task StageInPath_BehindACustomDomain_IsStripped()
    {
        var api = new FakeApiHandler();

        await new RestApiV1Adapter(api).HandleAsync(Encoding.UTF8.GetBytes(TestEvents.RestV1("GET", "/prod/api/health")), CancellationToken.None);

        Assert.Equal("/api/health", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task NoHttpMethod_IsAnInvalidEvent()
    {
        var result = await new RestApiV1Adapter(new FakeApiHandler()).HandleAsync("{\"resource\":\"/x\",\"httpMethod\":\"\",\"path\":\"/x\"}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("Ember.InvalidEvent", result.Error?.ErrorType);
    }
}
