using System.Net;
using System.Text;
using Ember.Configuration;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

public sealed class IdentityTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingSource(Func<int, AccessToken> make) : IAccessTokenSource
    {
        public int Calls;
        public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(make(Interlocked.Increment(ref Calls)));
        public string Describe() => "counting";
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task ManagedIdentity_AsksForStorageWithTheSecretHeader_AndReadsStringExpiry()
    {
        var handler = new CannedHttpHandler(_ => Json(HttpStatusCode.OK,
            "{\"access_token\":\"tok\",\"expires_on\":\"1900000000\",\"resource\":\"https://storage.azure.com/\",\"token_type\":\"Bearer\"}"));
        var source = ManagedIdentityTokenSource.FromEnvironment(
            name => name switch
            {
                EmberSettings.IdentityEndpoint => "http://127.0.0.1:41000/msi/token",
                EmberSettings.IdentityHeader => "s3cret",
                EmberSettings.AzureClientId => "client-1",
                _ => null,
            }, new HttpClient(handler))!;

        AccessToken token = await source.GetTokenAsync(CancellationToken.None);

        Assert.Equal("tok", token.Token);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), token.ExpiresOn);
        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal("s3cret", request.Headers.GetValues("X-IDENTITY-HEADER").Single());
        string query = request.RequestUri!.Query;
        Assert.Contains("resource=https%3A%2F%2Fstorage.azure.com%2F", query, StringComparison.Ordinal);
        Assert.Contains("api-version=2019-08-01", query, StringComparison.Ordinal);
        Assert.Contains("client_id=client-1", query, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedIdentity_IsAbsentWithoutBothSettings()
    {
        Assert.Null(ManagedIdentityTokenSource.FromEnvironment(n => n == EmberSettings.IdentityEndpoint ? "http://x" : null, new HttpClient()));
    }

    [Fact]
    public async Task ManagedIdentity_Refusal_IsAClearErrorWithoutTheSecret()
    {
        var handler = new CannedHttpHandler(_ => Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_request\"}"));
        var source = new ManagedIdentityTokenSource("http://127.0.0.1:41000/msi/token", "s3cret", null, new HttpClient(handler));
        var error = await Assert.ThrowsAsync<ManagedIdentityException>(() => source.GetTokenAsync(CancellationToken.None).AsTask());
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachingTokenSource_ReusesUntilNearExpiry_ThenRefreshes()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddDays(1));
        var inner = new CountingSource(n => new AccessToken("t" + n, clock.Now.AddHours(1)));
        var cache = new CachingTokenSource(inner, clock);

        Assert.Equal("t1", (await cache.GetTokenAsync(CancellationToken.None)).Token);
        clock.Now = clock.Now.AddMinutes(50);
        Assert.Equal("t1", (await cache.GetTokenAsync(CancellationToken.None)).Token);
        clock.Now = clock.Now.AddMinutes(6); // inside the 5-minute margin
        Assert.Equal("t2", (await cache.GetTokenAsync(CancellationToken.None)).Token);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task CachingTokenSource_ConcurrentCallers_ShareOneFetch()
    {
        var inner = new CountingSource(n => new AccessToken("t" + n, DateTimeOffset.UtcNow.AddHours(1)));
        var cache = new CachingTokenSource(inner);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await cache.GetTokenAsync(CancellationToken.None))));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task BlobStore_WithBearerToken_SendsItAndAVersionThatAcceptsTokens()
    {
        var handler = new CannedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Headers = { { "x-ms-error-code", "BlobNotFound" } } });
        var credential = new BearerTokenCredential(new CountingSource(_ => new AccessToken("tok", DateTimeOffset.UtcNow.AddHours(1))));
        using var store = new BlobStore(new Uri("https://acct.blob.core.windows.net"), "models", "p", credential, null, handler);

        await using ObjectReadResult read = await store.GetAsync("iris/aliases.json");

        Assert.Equal(ObjectReadStatus.NotFound, read.Status);
        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer tok", request.Headers.Authorization!.ToString());
        Assert.Equal("https://acct.blob.core.windows.net/models/p/iris/aliases.json", request.RequestUri!.AbsoluteUri);
        Assert.Equal(BlobStore.ApiVersion, request.Headers.GetValues("x-ms-version").Single());
    }

    [Fact]
    public async Task BlobStore_WithSas_AppendsItToEveryUrl_WithoutAnAuthorizationHeader()
    {
        var handler = new CannedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Headers = { { "x-ms-error-code", "BlobNotFound" } } });
        using var store = new BlobStore(new Uri("https://acct.blob.core.windows.net"), "models", "", new SasCredential("?sv=2025-05-05&sp=rl&sig=abc%2B"), null, handler);

        await using ObjectReadResult read = await store.GetAsync("a b/c");

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Null(request.Headers.Authorization);
        Assert.Equal("https://acct.blob.core.windows.net/models/a%20b/c?sv=2025-05-05&sp=rl&sig=abc%2B", request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task BlobStore_IdentityRefusal_IsAccessDenied()
    {
        var refusing = new CannedHttpHandler(_ => Json(HttpStatusCode.Forbidden, "{}"));
        var identity = new ManagedIdentityTokenSource("http://127.0.0.1:41000/msi/token", "x", null, new HttpClient(refusing));
        using var store = new BlobStore(new Uri("https://acct.blob.core.windows.net"), "models", "", new BearerTokenCredential(identity), null,
            new CannedHttpHandler(_ => throw new InvalidOperationException("must not be reached")));
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("a"));
        Assert.Equal(ObjectStoreErrorKind.AccessDenied, error.Kind);
    }
}
