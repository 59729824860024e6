using System.Text;
using System.Text.Json;
using Ember.Api;
using Ember.Functions.Lambda.Events;
using Ember.Functions.Lambda.Tests.Fakes;

namespace Ember.Functions.Lambda.Tests.Events;

public sealed class HttpApiV2AdapterTests
{
    private readonly FakeApiHandler _api = new();

    private async Task<(ApiRequest Request, JsonElement Reply)> RunAsync(string evt)
    {
        var result = await new HttpApiV2Adapter(_api).HandleAsync(Encoding.UTF8.GetBytes(evt), CancellationToken.None);
        Assert.Null(result.Error);
        return (Assert.Single(_api.Requests), JsonDocument.Parse(result.Response).RootElement);
    }

    [Fact]
    public async Task Base64Body_IsDecodedBeforeTheApiSeesIt()
    {
        var (request, _) = await RunAsync(TestEvents.HttpV2("POST", "/api/models/m/predict", "{\"rows\":[[1,2]]}", base64: true));

        Assert.Equal("POST", request.Method);
        Assert.Equal("{\"rows\":[[1,2]]}", Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public async Task PlainBody_IsPassedAsUtf8()
    {
        var (request, _) = await RunAsync(TestEvents.HttpV2("POST", "/api/x", "{\"név\":1}"));

        Assert.Equal("{\"név\":1}", Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public async Task InvalidBase64Body_IsA400ProblemAndNeverReachesTheApi()
    {
        string evt = TestEvents.HttpV2("POST", "/api/x", "%%%").Replace("\"isBase64Encoded\": false", "\"isBase64Encoded\": true");

        var result = await new HttpApiV2Adapter(_api).HandleAsync(Encoding.UTF8.GetBytes(evt), CancellationToken.None);

        Assert.Empty(_api.Requests);
        Assert.Equal(400, result.HttpStatus);
        var reply = JsonDocument.Parse(result.Response).RootElement;
        Assert.Equal("application/problem+json", reply.GetProperty("headers").GetProperty("content-type").GetString());
    }

    [Theory]
    [InlineData("/prod/api/health", "prod", "/api/health")]
    [InlineData("/api/health", "prod", "/api/health")]          // custom domain: no stage in the path
    [InlineData("/api/health", "$default", "/api/health")]      // function URL / default stage
    [InlineData("/api/api/health", "api", "/api/health")]      // a stage called "api"
    [InlineData("/api/health", "api", "/api/health")]
    [InlineData("/prod", "prod", "/prod")]
    [InlineData("/production/api/x", "prod", "/production/api/x")]
    public async Task StagePrefix_IsStrippedOnlyBeforeApi(string rawPath, string stage, string expected)
    {
        var (request, _) = await RunAsync(TestEvents.HttpV2("GET", rawPath, stage: stage));

        Assert.Equal(expected, request.Path);
    }

    [Fact]
    public async Task PercentEncodedPath_IsDecodedExceptEncodedSlashes()
    {
        var (request, _) = await RunAsync(TestEvents.HttpV2("GET", "/api/models/my%20model/a%2Fb"));

        Assert.Equal("/api/models/my model/a%2Fb", request.Path);
    }

    [Fact]
    public async Task RepeatedQueryName_KeepsItsLastValue_AndValuesAreDecoded()
    {
        var (request, _) = await RunAsync(TestEvents.HttpV2("GET", "/api/x", rawQuery: "model=a&x=1&x=2&name=my+model%21&flag"));

        Assert.Equal("2", request.QueryValue("x"));
        Assert.Equal("a", request.QueryValue("MODEL"));
        Assert.Equal("my model!", request.QueryValue("name"));
        Assert.Equal("", request.QueryValue("flag"));
    }

    [Fact]
    public async Task CookiesAndHeaders_ReachTheApiCaseInsensitively()
    {
        var (request, _) = await RunAsync(TestEvents.HttpV2("GET", "/api/x", cookies: "[\"a=1\", \"b=2\"]", extraHeaders: ", \"accept\": \"text/html,application/json\""));

        Assert.Equal("a=1; b=2", request.Header("Cookie"));
        Assert.Equal("text/html,application/json", request.Header("Accept")); // duplicates arrive comma-joined
        Assert.Equal("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task JsonResponse_GoesBackAsTextWithItsStatusAndHeaders()
    {
        var api = new FakeApiHandler(_ => new ApiResponse(404, "application/problem+json", "{\"status\":404}"u8.ToArray(),
            new Dictionary<string, string> { ["X-Model-Version"] = "3", ["Set-Cookie"] = "s=1" }));

        var result = await new HttpApiV2Adapter(api).HandleAsync(Encoding.UTF8.GetBytes(TestEvents.HttpV2("GET", "/api/x")), CancellationToken.None);

        var reply = JsonDocument.Parse(result.Response).RootElement;
        Assert.Equal(404, reply.GetProperty("statusCode").GetInt32());
        Assert.Equal("{\"status\":404}", reply.GetProperty("body").GetString());
        Assert.False(reply.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("3", reply.GetProperty("headers").GetProperty("X-Model-Version").GetString());
        Assert.Equal("application/problem+json", reply.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal("s=1", reply.GetProperty("cookies")[0].GetString());
        Assert.False(reply.GetProperty("headers").TryGetProperty("Set-Cookie", out _));
    }

    [Fact]
    public async Task BinaryResponse_GoesBackAsBase64()
    {
        byte[] parquet = [0x50, 0x41, 0x52, 0x31, 0xFF, 0x00];
        var api = new FakeApiHandler(_ => new ApiResponse(200, "application/vnd.apache.parquet", parquet, ApiRequest.EmptyMap));

        var result = await new HttpApiV2Adapter(api).HandleAsync(Encoding.UTF8.GetBytes(TestEvents.HttpV2("GET", "/api/x")), CancellationToken.None);

        var reply = JsonDocument.Parse(result.Response).RootElement;
        Assert.True(reply.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(parquet, Convert.FromBase64String(reply.GetProperty("body").GetString()!));
    }

    [Fact]
    public async Task MissingMethod_IsAnInvalidEventNamingTheField()
    {
        var result = await new HttpApiV2Adapter(_api).HandleAsync("{\"version\":\"2.0\",\"rawPath\":\"/api/x\",\"requestContext\":{\"http\":{}}}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("Ember.InvalidEvent", result.Error?.ErrorType);
        Assert.Contains("requestContext.http.method", result.Error!.ErrorMessage);
    }

    [Fact]
    public async Task WrongFieldType_IsAnInvalidEventNamingThePath()
    {
        var result = await new HttpApiV2Adapter(_api).HandleAsync("{\"version\":\"2.0\",\"headers\":[1],\"requestContext\":{\"http\":{\"method\":\"GET\"}}}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("Ember.InvalidEvent", result.Error?.ErrorType);
        Assert.Contains("$.headers", result.Error!.ErrorMessage);
    }
}
