using System.Net.Http.Headers;
using Ember.Storage;
using Xunit;

namespace Ember.Core.Tests.Storage;

public sealed class SharedKeySignerTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The Get Container Metadata example of the "Authorize with Shared Key" REST docs.</summary>
    [Fact]
    public void StringToSign_MatchesTheDocumentedContainerMetadataExample()
    {
        string toSign = SharedKeySigner.StringToSign("GET", _ => null,
            [new("x-ms-version", "2015-02-21"), new("x-ms-date", "Fri, 26 Jun 2015 23:39:12 GMT")],
            "myaccount", "/mycontainer",
            [new("restype", "container"), new("comp", "metadata"), new("timeout", "20")]);

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-version:2015-02-21\n/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20",
            toSign);
    }

    /// <summary>Expected value computed independently: openssl dgst -sha256 -mac HMAC over the same bytes.</summary>
    [Fact]
    public void Sign_IsBase64HmacSha256WithTheDecodedKey()
    {
        const string toSign = "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-version:2015-02-21\n/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20";
        Assert.Equal("1u9lui2jDxj0+fpbHjQ5m5NnastJRSYM+PSmfi8TXx4=", SharedKeySigner.Sign(Convert.FromBase64String(AzuriteKey), toSign));
    }

    [Fact]
    public async Task PathStyleRequest_SignsStandardHeadersInPlace_AndPrefixesTheAccountAgain()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/models/m1/model%20v2.bin?comp=block&blockid=MDAwMDAwMDA%3D");
        request.Content = new ByteArrayContent([1, 2, 3, 4, 5]);
        request.Content.Headers.ContentMD5 = [0xAA, 0xBB];
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        request.Headers.TryAddWithoutValidation("x-ms-version", "2025-05-05");
        request.Headers.TryAddWithoutValidation("X-MS-Blob-Type", "BlockBlob");
        var credential = new SharedKeyCredential("devstoreaccount1", Convert.FromBase64String(AzuriteKey));

        await credential.AuthorizeAsync(request, [new("comp", "block"), new("blockid", "MDAwMDAwMDA=")], CancellationToken.None);

        string date = request.Headers.NonValidated["x-ms-date"].ToString();
        string expected = "PUT\n\n\n5\nqrs=\n\n\n\n\n*\n\n\n"
                          + $"x-ms-blob-type:BlockBlob\nx-ms-date:{date}\nx-ms-version:2025-05-05\n"
                          + "/devstoreaccount1/devstoreaccount1/models/m1/model%20v2.bin\nblockid:MDAwMDAwMDA=\ncomp:block";
        AuthenticationHeaderValue auth = request.Headers.Authorization!;
        Assert.Equal("SharedKey", auth.Scheme);
        Assert.Equal("devstoreaccount1:" + SharedKeySigner.Sign(Convert.FromBase64String(AzuriteKey), expected), auth.Parameter);
    }

    [Fact]
    public void ZeroContentLength_IsSignedAsEmpty()
    {
        string toSign = SharedKeySigner.StringToSign("PUT", name => name == "Content-Length" ? "0" : null, [], "a", "/c", []);
        Assert.StartsWith("PUT\n\n\n\n", toSign, StringComparison.Ordinal);
    }
}
