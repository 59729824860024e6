using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

/// <summary>
/// Expected headers computed with botocore 1.43 (S3SigV4Auth) for the same request, keys
/// AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, at 2026-11-21T12:22:23Z.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 22, 23, TimeSpan.Zero);
    private const string KeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static string Authorization(HttpRequestMessage request) => string.Join(",", request.Headers.GetValues("Authorization"));

    [Fact]
    public void Sign_VirtualHostedGet_MatchesBotocore()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://models.s3.eu-west-1.amazonaws.com/iris/1/_ember_bundle.tar");
        new SigV4Signer(KeyId, Secret, null, "eu-west-1").Sign(request, [], At);
        Assert.Equal("20261121T122223Z", Assert.Single(request.Headers.GetValues("x-amz-date")));
        Assert.Equal(SigV4Signer.EmptyPayloadHash, Assert.Single(request.Headers.GetValues("x-amz-content-sha256")));
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                     + "Signature=a3be3ce6dbcbbce01364373fb4879b4535c0c6a044e4cbfd9dae4337e65d729e", Authorization(request));
    }

    [Fact]
    public void Sign_PathStyleWithPortEncodedKeyAndSessionToken_MatchesBotocore()
    {
        string url = "http://127.0.0.1:5999/ember-models/" + S3RestReader.EncodeKey("root/iris x/1/a+b.json");
        Assert.Equal("http://127.0.0.1:5999/ember-models/root/iris%20x/1/a%2Bb.json", url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        new SigV4Signer(KeyId, Secret, "FwoGZXIvYXdzEXAMPLETOKEN", "us-east-1").Sign(request, [], At);
        Assert.Equal("FwoGZXIvYXdzEXAMPLETOKEN", Assert.Single(request.Headers.GetValues("x-amz-security-token")));
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "
                     + "Signature=bb2db7d6dd47cf6c4832c6fd6377db71fa0f087093851999a8125b2e9c638780", Authorization(request));
    }

    [Fact]
    public void Sign_ListWithQueryInAnyOrder_MatchesBotocore()
    {
        KeyValuePair<string, string>[] query =
        [
            new("list-type", "2"), new("max-keys", "1000"), new("prefix", "root/iris/"), new("delimiter", "/"),
            new("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wM73NgE="),
        ];
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://models.s3.eu-west-1.amazonaws.com/?list-type=2&max-keys=1000&prefix=root%2Firis%2F&delimiter=%2F&continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2FwM73NgE%3D");
        new SigV4Signer(KeyId, Secret, null, "eu-west-1").Sign(request, query, At);
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                     + "Signature=536bdea11b1651a4c4a2b729a5baaf188c067cc138f626b9496a2ca4ebe4197b", Authorization(request));
    }

    [Theory]
    [InlineData("models", null, "eu-west-1", "https://models.s3.eu-west-1.amazonaws.com")]
    [InlineData("my.models", null, "eu-west-1", "https://s3.eu-west-1.amazonaws.com/my.models")]
    [InlineData("models", null, "cn-north-1", "https://models.s3.cn-north-1.amazonaws.com.cn")]
    [InlineData("models", "http://127.0.0.1:5999/", "us-east-1", "http://127.0.0.1:5999/models")]
    public void BucketUrl_VirtualHostedUnlessPathStyleIsNeeded(string bucket, string? endpoint, string region, string expected) =>
        Assert.Equal(expected, S3RestReader.BucketUrl(bucket, endpoint, region));
}
