using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Ember.Storage;

/// <summary>
/// An S3 bucket (or a prefix in it) through AWSSDK.S3. The SDK's own retries are off: the shared
/// retry/timeout pipeline decides, so every store behaves alike on an outage.
/// </summary>
public sealed partial class S3Store : IObjectStore
{
    /// <summary>S3 refuses parts under 5 MiB except the last one.</summary>
    internal const int MinPartBytes = 5 * 1024 * 1024;

    /// <summary>Made on first use: with REST reads a cold start that only reads never pays for the SDK client's set-up.</summary>
    private readonly Lazy<AmazonS3Client> _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly string _root;
    private readonly StoreResilience _resilience;
    private readonly StoreOptions _options;

    /// <summary>GET and LIST as plain signed requests when the credentials allow it (see <see cref="S3RestReader"/>); else null.</summary>
    private readonly S3RestReader? _rest;

    internal S3Store(Func<AmazonS3Client> client, string bucket, string? rootPrefix, StoreOptions? options = null, bool ownsClient = true,
        Func<string, S3RestReader>? restReads = null)
    {
        _client = new Lazy<AmazonS3Client>(client, LazyThreadSafetyMode.ExecutionAndPublication);
        _ownsClient = ownsClient;
        _bucket = bucket;
        _root = ObjectKey.NormalizeRoot(rootPrefix);
        _options = options ?? StoreOptions.Default;
        Location = $"s3://{bucket}/{_root}";
        _resilience = new StoreResilience(Location, _options, IsTransient, Describe);
        _rest = restReads?.Invoke(Location);
    }

    public string Location { get; }

    internal AmazonS3Client Client => _client.Value;
    internal string Bucket => _bucket;
    internal int PartBytes => Math.Max(MinPartBytes, _options.UploadPartBytes);

    /// <summary>True when reads take the signed-REST road instead of the SDK.</summary>
    internal bool ReadsOverRest => _rest is not null;

    public async Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        if (_rest is not null)
            return await RestGetAsync(_rest, key, ifNoneMatch, cancellationToken).ConfigureAwait(false);
        var (response, status) = await CallAsync(key, async ct =>
        {
            try
            {
                var request = new GetObjectRequest { BucketName = _bucket, Key = _root + key, EtagToNotMatch = ifNoneMatch };
                return (await Client.GetObjectAsync(request, ct).ConfigureAwait(false), ObjectReadStatus.Found);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotModified)
            {
                return ((GetObjectResponse?)null, ObjectReadStatus.NotModified);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or null or "")
            {
                return (null, ObjectReadStatus.NotFound);
            }
        }, cancellationToken).ConfigureAwait(false);

        if (status == ObjectReadStatus.NotModified) return ObjectReadResult.NotModified(key, ifNoneMatch!);
        if (response is null) return ObjectReadResult.NotFound(key);
        var body = new VerifyingReadStream(response.ResponseStream, Location, key, response.ContentLength, Md5Of(response), owner: response);
        return ObjectReadResult.Found(key, body, response.ETag, response.ContentLength);
    }

    private async Task<ObjectReadResult> RestGetAsync(S3RestReader rest, string key, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        var (response, status) = await CallAsync(key, ct => rest.GetAsync(_root + key, ifNoneMatch, ct), cancellationToken).ConfigureAwait(false);
        if (status == ObjectReadStatus.NotModified) return ObjectReadResult.NotModified(key, ifNoneMatch!);
        if (status == ObjectReadStatus.NotFound) return ObjectReadResult.NotFound(key);
        string? eTag = Header(response, "ETag");
        if (eTag is null || response.Content.Headers.ContentLength is not long length)
        {
            response.Dispose();
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, Location, key, "the answer has no ETag or Content-Length");
        }
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        string? sse = Header(response, "x-amz-server-side-encryption");
        bool customerKey = Header(response, "x-amz-server-side-encryption-customer-algorithm") is not null;
        return ObjectReadResult.Found(key, new VerifyingReadStream(body, Location, key, length, Md5Of(eTag, sse is "aws:kms" or "aws:kms:dsse" || customerKey), owner: response), eTag, length);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        return PutObjectAsync(key, content, condition, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        // DeleteObject answers 204 whether or not the key existed: ask first to report "absent".
        bool existed = await CallAsync(key, async ct =>
        {
            try
            {
                await Client.GetObjectMetadataAsync(_bucket, _root + key, ct).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or "NotFound" or null or "")
            {
                return false;
            }
        }, cancellationToken).ConfigureAwait(false);
        if (!existed) return false;
        await CallAsync(key, async ct => await Client.DeleteObjectAsync(_bucket, _root + key, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        return Task.FromResult<IObjectUpload>(new S3Upload(this, key));
    }

    public void Dispose()
    {
        if (_ownsClient && _client.IsValueCreated) _client.Value.Dispose();
        _rest?.Dispose();
    }

    internal string FullKey(string key) => _root + key;

    internal async Task<ObjectWriteResult> PutObjectAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        string md5 = Convert.ToBase64String(MD5.HashData(content.Span));
        return await CallAsync(key, async ct =>
        {
            var request = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _root + key,
                InputStream = StreamOver(content),
                MD5Digest = md5, // S3 rejects a body altered on the way
                AutoCloseStream = true,
                IfMatch = condition.IfMatch,
                IfNoneMatch = condition.IfNotExists ? "*" : null,
            };
            return await ConditionalWriteAsync(condition, async () =>
                (await Client.PutObjectAsync(request, ct).ConfigureAwait(false)).ETag).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a write carrying <paramref name="condition"/>; a failed condition is a value, not an error.</summary>
    internal static async Task<ObjectWriteResult> ConditionalWriteAsync(WriteCondition condition, Func<Task<string>> write)
    {
        try
        {
            return ObjectWriteResult.Written(await write().ConfigureAwait(false));
        }
        // 412 for a failed If-Match / If-None-Match; 409 when a concurrent conditional write won the race.
        // If-Match on a key that does not exist answers 404 NoSuchKey.
        catch (AmazonS3Exception e) when (condition != default && (e.StatusCode == HttpStatusCode.PreconditionFailed
                                                                  || e.ErrorCode == "ConditionalRequestConflict"
                                                                  || (condition.IfMatch is not null && e.ErrorCode == "NoSuchKey")))
        {
            return ObjectWriteResult.PreconditionFailed;
        }
    }

    /// <summary>
    /// An S3 ETag is the MD5 of the body only for single-part uploads without SSE-KMS or SSE-C;
    /// otherwise there is nothing to verify against and only the length is checked.
    /// </summary>
    private static byte[]? Md5Of(GetObjectResponse response) =>
        Md5Of(response.ETag, response.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AWSKMS
                             || response.ServerSideEncryptionMethod == ServerSideEncryptionMethod.AWSKMSDSSE
                             || (response.ServerSideEncryptionCustomerMethod is { } c && c != ServerSideEncryptionCustomerMethod.None));

    private static byte[]? Md5Of(string? eTag, bool encryptedWithKms)
    {
        string hex = eTag?.Trim('"') ?? "";
        if (hex.Length != 32 || encryptedWithKms)
            return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }
}
