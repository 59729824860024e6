using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Ember.Storage;

/// <summary>
/// An Azure Blob container (or a prefix in it) over the Blob REST API, by hand over HttpClient
/// (Azure.Storage.Blobs is not available). Works against Azure and Azurite (path-style URLs).
/// </summary>
public sealed partial class BlobStore : IObjectStore
{
    /// <summary>One pinned REST version for every call; Azurite 3.37 accepts it.</summary>
    internal const string ApiVersion = "2025-05-05";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _serviceUrl;
    private readonly string _container;
    private readonly string _root;
    private readonly BlobCredential _credential;
    private readonly StoreResilience _resilience;
    private readonly StoreOptions _options;

    /// <param name="serviceUrl">Account endpoint: https://acct.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1.</param>
    /// <param name="handler">For tests; by default a SocketsHttpHandler with the options' connect timeout.</param>
    internal BlobStore(Uri serviceUrl, string container, string? rootPrefix, BlobCredential credential,
        StoreOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? StoreOptions.Default;
        _serviceUrl = serviceUrl.AbsoluteUri.TrimEnd('/');
        _container = container;
        _root = ObjectKey.NormalizeRoot(rootPrefix);
        _credential = credential;
        Location = $"{_serviceUrl}/{_container}/{_root}";
        _ownsHttp = true;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _resilience = new StoreResilience(Location, _options);
    }

    public string Location { get; }

    public async Task<ObjectReadResult> GetAsync(string key, string? ifNoneMatch = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        HttpResponseMessage response = await SendAsync(key, () =>
        {
            var request = NewRequest(HttpMethod.Get, _root + key, []);
            if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            return (request, []);
        }, cancellationToken).ConfigureAwait(false);

        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                string eTag = response.Headers.ETag?.ToString() ?? throw Unexpected(key, response, "no ETag header");
                long length = response.Content.Headers.ContentLength ?? throw Unexpected(key, response, "no Content-Length header");
                byte[]? md5 = response.Content.Headers.ContentMD5;
                Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return ObjectReadResult.Found(key, new VerifyingReadStream(body, Location, key, length, md5, owner: response), eTag, length);
            case HttpStatusCode.NotModified:
                string current = response.Headers.ETag?.ToString() ?? ifNoneMatch!;
                response.Dispose();
                return ObjectReadResult.NotModified(key, current);
            case HttpStatusCode.NotFound when ErrorCode(response) is "BlobNotFound" or null:
                response.Dispose();
                return ObjectReadResult.NotFound(key);
            default:
                throw Refused(key, response);
        }
    }

    public Task<ObjectWriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        return PutBlobAsync(key, content, condition, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        using HttpResponseMessage response = await SendAsync(key,
            () => (NewRequest(HttpMethod.Delete, _root + key, []), []), cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted or HttpStatusCode.OK => true,
            HttpStatusCode.NotFound when ErrorCode(response) is "BlobNotFound" or null => false,
            _ => throw Refused(key, response),
        };
    }

    public Task<IObjectUpload> StartUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(Location, key);
        return Task.FromResult<IObjectUpload>(new BlobUpload(this, key, _options.UploadPartBytes));
    }

    /// <summary>Creates the container when it does not exist (tests, `ember push` to a fresh account).</summary>
    public async Task CreateContainerIfMissingAsync(CancellationToken cancellationToken = default)
    {
        KeyValuePair<string, string>[] query = [new("restype", "container")];
        using HttpResponseMessage response = await SendAsync(null, () =>
        {
            var request = NewRequest(HttpMethod.Put, null, query);
            request.Content = new ByteArrayContent([]);
            return (request, query);
        }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            throw Refused(null, response);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    internal async Task<ObjectWriteResult> PutBlobAsync(string key, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken)
    {
        byte[] md5 = MD5.HashData(content.Span);
        using HttpResponseMessage response = await SendAsync(key, () =>
        {
            var request = NewRequest(HttpMethod.Put, _root + key, []);
            request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
            request.Content = new ReadOnlyMemoryContent(content);
            request.Content.Headers.ContentMD5 = md5; // the service rejects a body altered on the way
            AddCondition(request, condition);
            return (request, []);
        }, cancellationToken).ConfigureAwait(false);
        return WriteOutcome(key, response);
    }

    internal async Task PutBlockAsync(string key, string blockId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        byte[] md5 = MD5.HashData(content.Span);
        KeyValuePair<string, string>[] query = [new("comp", "block"), new("blockid", blockId)];
        using HttpResponseMessage response = await SendAsync(key, () =>
        {
            var request = NewRequest(HttpMethod.Put, _root + key, query);
            request.Content = new ReadOnlyMemoryContent(content);
            request.Content.Headers.ContentMD5 = md5;
            return (request, query);
        }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created) throw Refused(key, response);
    }

    /// <param name="contentMd5">MD5 of the whole object, stored so downloads can be verified.</param>
    internal async Task<ObjectWriteResult> PutBlockListAsync(string key, IReadOnlyList<string> blockIds, byte[] contentMd5,
        WriteCondition condition, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (string id in blockIds) xml.Append("<Latest>").Append(id).Append("</Latest>");
        byte[] body = Encoding.UTF8.GetBytes(xml.Append("</BlockList>").ToString());
        KeyValuePair<string, string>[] query = [new("comp", "blocklist")];
        using HttpResponseMessage response = await SendAsync(key, () =>
        {
            var request = NewRequest(HttpMethod.Put, _root + key, query);
            request.Content = new ByteArrayContent(body);
            request.Headers.TryAddWithoutValidation("x-ms-blob-content-md5", Convert.ToBase64String(contentMd5));
            AddCondition(request, condition);
            return (request, query);
        }, cancellationToken).ConfigureAwait(false);
        return WriteOutcome(key, response);
    }

    private ObjectWriteResult WriteOutcome(string key, HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Created or HttpStatusCode.OK => ObjectWriteResult.Written(response.Headers.ETag?.ToString()),
        HttpStatusCode.PreconditionFailed => ObjectWriteResult.PreconditionFailed,
        // If-None-Match: * on an existing blob answers 409 BlobAlreadyExists rather than 412.
        HttpStatusCode.Conflict when ErrorCode(response) == "BlobAlreadyExists" => ObjectWriteResult.PreconditionFailed,
        _ => throw Refused(key, response),
    };

    private static void AddCondition(HttpRequestMessage request, WriteCondition condition)
    {
        if (condition.IfMatch is { } eTag) request.Headers.TryAddWithoutValidation("If-Match", eTag);
        if (condition.IfNotExists) request.Headers.TryAddWithoutValidation("If-None-Match", "*");
    }
}
