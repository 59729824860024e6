using System.Net;
using System.Text;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>How the REST reads map answers S3 gives and moto does not (wrong region, redirects, denial).</summary>
public sealed class S3RestReaderTests
{
    private static HttpResponseMessage Answer(HttpStatusCode status, string? code, string? bucketRegion = null)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(code is null ? "" : $"<Error><Code>{code}</Code><Message>m</Message></Error>", Encoding.UTF8, "application/xml"),
        };
        if (bucketRegion is not null) response.Headers.TryAddWithoutValidation("x-amz-bucket-region", bucketRegion);
        return response;
    }

    private static S3Store Open(CannedHttpHandler handler) =>
        ObjectStoreFactory.OpenS3("s3://models/root", name => name switch
        {
            "AWS_ACCESS_KEY_ID" => "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY" => "secret",
            "AWS_REGION" => "eu-west-1",
            _ => null,
        }, new StoreOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, restHandler: handler);

    [Fact]
    public async Task WrongRegion_IsMisconfigured_NamingTheBucketsRegion()
    {
        var handler = new CannedHttpHandler(_ => Answer(HttpStatusCode.MovedPermanently, "PermanentRedirect", "us-west-2"));
        using S3Store store = Open(handler);
        Assert.True(store.ReadsOverRest);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("iris/aliases.json"));
        Assert.Equal(ObjectStoreErrorKind.Misconfigured, error.Kind);
        Assert.Contains("AWS_REGION=us-west-2", error.Message, StringComparison.Ordinal);
        Assert.Equal("https://models.s3.eu-west-1.amazonaws.com/root/iris/aliases.json", Assert.Single(handler.Requests).RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task TemporaryRedirect_IsRetried_ThenUnavailable()
    {
        var handler = new CannedHttpHandler(_ => Answer(HttpStatusCode.TemporaryRedirect, null));
        using S3Store store = Open(handler);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.ListPageAsync("iris/"));
        Assert.Equal(ObjectStoreErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Denied_IsAccessDenied_AndNotRetried()
    {
        var handler = new CannedHttpHandler(_ => Answer(HttpStatusCode.Forbidden, "AccessDenied"));
        using S3Store store = Open(handler);
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("iris/1/metadata/part-00000"));
        Assert.Equal(ObjectStoreErrorKind.AccessDenied, error.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task NoSuchKey_IsNotFound_AndANonXmlListingIsAFailure()
    {
        using (S3Store store = Open(new CannedHttpHandler(_ => Answer(HttpStatusCode.NotFound, "NoSuchKey"))))
            Assert.Equal(ObjectReadStatus.NotFound, (await store.GetAsync("iris/aliases.json")).Status);
        using (S3Store store = Open(new CannedHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy</p>") })))
        {
            var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.ListPageAsync("iris/"));
            Assert.Contains("ListBucketResult", error.Message, StringComparison.Ordinal);
        }
    }
}
