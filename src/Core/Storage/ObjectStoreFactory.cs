using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Ember.Configuration;

namespace Ember.Storage;

/// <summary>
/// Opens the store an EMBER_MODEL_STORE-style URI names, rooted at its prefix:
/// <list type="bullet">
/// <item>a local path or <c>file:///dir</c> → <see cref="FileStore"/></item>
/// <item><c>s3://bucket/prefix</c> → <see cref="S3Store"/> (default AWS credential chain; AWS_ENDPOINT_URL_S3 /
/// AWS_ENDPOINT_URL switch to path-style addressing at that endpoint)</item>
/// <item><c>https://account.blob.core.windows.net/container/prefix</c> or Azurite's path-style
/// <c>http://127.0.0.1:10000/devstoreaccount1/container/prefix</c> → <see cref="BlobStore"/></item>
/// </list>
/// Blob credentials, first that applies: a SAS in the URI's query; EMBER_BLOB_CONNECTION, else
/// AzureWebJobsStorage, when it is a key or SAS connection string for the same account; the
/// managed identity (IDENTITY_ENDPOINT + IDENTITY_HEADER, AZURE_CLIENT_ID for a user-assigned one).
/// </summary>
public static class ObjectStoreFactory
{
    /// <summary>Shared by every managed-identity token source: the endpoint is local and long-lived.</summary>
    private static readonly Lazy<HttpClient> IdentityHttp = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });

    /// <param name="environment">Reads a setting (normally Environment.GetEnvironmentVariable).</param>
    /// <exception cref="ObjectStoreException">Kind Misconfigured when the URI or the credentials are unusable.</exception>
    public static IObjectStore FromUri(string uri, Func<string, string?> environment, StoreOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(uri))
            throw Bad(uri, "the store URI is empty (set EMBER_MODEL_STORE to a directory, s3://bucket/prefix or a blob container URL)");
        uri = uri.Trim();
        if (uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
            return OpenS3(uri, environment, options);
        if (uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            return OpenBlob(uri, environment, options);
        if (uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return Uri.TryCreate(uri, UriKind.Absolute, out Uri? file) ? new FileStore(file.LocalPath) : throw Bad(uri, "not a valid file:// URI");
        int scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
            throw Bad(uri, $"unknown scheme '{uri[..scheme]}' (use a path, file://, s3:// or an https:// blob URL)");
        return new FileStore(uri);
    }

    /// <param name="restReads">Reads as signed REST requests when the credentials are plain keys (see <see cref="S3RestReader"/>); false keeps every call on the SDK.</param>
    /// <param name="restHandler">For tests: the HTTP handler of those REST reads.</param>
    internal static S3Store OpenS3(string uri, Func<string, string?> environment, StoreOptions? options, Action<AmazonS3Config>? configure = null,
        bool restReads = true, HttpMessageHandler? restHandler = null)
    {
        string rest = uri["s3://".Length..];
        int slash = rest.IndexOf('/');
        string bucket = slash < 0 ? rest : rest[..slash];
        string prefix = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Length == 0) throw Bad(uri, "no bucket name after s3://");

        string? endpoint = Setting(environment, EmberSettings.AwsEndpointS3) ?? Setting(environment, EmberSettings.AwsEndpoint);
        string? region = Setting(environment, EmberSettings.AwsRegion) ?? Setting(environment, EmberSettings.AwsDefaultRegion);
        // Keys given through the accessor win (tests, hosts that pass settings explicitly); without
        // them the SDK's default chain (environment, profile, container/instance role) applies.
        string? keyId = Setting(environment, "AWS_ACCESS_KEY_ID"), secret = Setting(environment, "AWS_SECRET_ACCESS_KEY");
        string? session = Setting(environment, "AWS_SESSION_TOKEN");

        // Made on the store's first SDK call (writes, or every call without REST reads).
        AmazonS3Client Client()
        {
            // The SDK's own retries are off: StoreResilience retries every store the same way. Its
            // default CRC checks are off too: every store verifies bodies itself (Content-MD5 on
            // writes, VerifyingReadStream on reads), and one error type reports a corrupt body.
            var config = new AmazonS3Config
            {
                MaxErrorRetry = 0,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            };
            if (endpoint is not null)
            {
                config.ServiceURL = endpoint;
                config.ForcePathStyle = true;
                config.AuthenticationRegion = region ?? "us-east-1";
            }
            else if (region is not null)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }
            configure?.Invoke(config);
            return keyId is not null && secret is not null
                ? new AmazonS3Client(session is not null
                    ? new SessionAWSCredentials(keyId, secret, session)
                    : new BasicAWSCredentials(keyId, secret), config)
                : new AmazonS3Client(config);
        }

        Func<string, S3RestReader>? reads = null;
        if (restReads && keyId is not null && secret is not null && RestReadsFit(environment, endpoint, region, bucket))
        {
            var signer = new SigV4Signer(keyId, secret, session, region ?? "us-east-1");
            reads = location => new S3RestReader(bucket, endpoint, signer, options ?? StoreOptions.Default, location, restHandler);
        }
        return new S3Store(Client, bucket, prefix, options, restReads: reads);
    }

    /// <summary>
    /// Whether signed REST reads can stand in for the SDK, given keys as settings (as Lambda gives
    /// them): a known region or a custom endpoint, and no FIPS, dual-stack, S3 Express or
    /// access-point addressing.
    /// </summary>
    private static bool RestReadsFit(Func<string, string?> environment, string? endpoint, string? region, string bucket)
    {
        if (endpoint is null && region is null) return false;
        if (Setting(environment, "AWS_USE_FIPS_ENDPOINT") is "true" || Setting(environment, "AWS_USE_DUALSTACK_ENDPOINT") is "true")
            return false;
        if (bucket.EndsWith("--x-s3", StringComparison.Ordinal) || bucket.Contains(':', StringComparison.Ordinal))
            return false;
        return true;
    }

    internal static BlobStore OpenBlob(string uri, Func<string, string?> environment, StoreOptions? options, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed))
            throw Bad(uri, "not a valid URL");
        string[] segments = parsed.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString).ToArray();
        string host = parsed.Host;
        int blobLabel = host.IndexOf(".blob.", StringComparison.OrdinalIgnoreCase);

        string account;
        Uri serviceUrl;
        int containerIndex;
        if (blobLabel > 0)
        {
            account = host[..blobLabel];
            serviceUrl = new Uri(parsed.GetLeftPart(UriPartial.Authority));
            containerIndex = 0;
        }
        else
        {
            // Emulator (path-style): the first path segment is the account.
            if (segments.Length == 0) throw Bad(uri, "a path-style blob URL needs /<account>/<container>");
            account = segments[0];
            serviceUrl = new Uri(parsed.GetLeftPart(UriPartial.Authority) + "/" + account);
            containerIndex = 1;
        }
        if (segments.Length <= containerIndex) throw Bad(uri, "no container in the blob URL");
        string container = segments[containerIndex];
        string prefix = string.Join('/', segments.Skip(containerIndex + 1));

        BlobCredential credential = ChooseCredential(uri, parsed, account, environment);
        return new BlobStore(serviceUrl, container, prefix, credential, options, handler);
    }

    private static BlobCredential ChooseCredential(string uri, Uri parsed, string account, Func<string, string?> environment)
    {
        if (parsed.Query.Contains("sig=", StringComparison.Ordinal))
            return new SasCredential(parsed.Query);

        var skipped = new List<string>();
        foreach (string setting in new[] { EmberSettings.BlobConnection, EmberSettings.AzureWebJobsStorage })
        {
            if (Setting(environment, setting) is not { } text) continue;
            // Identity-based AzureWebJobsStorage (AzureWebJobsStorage__accountName) has no plain value: skipped above.
            BlobConnectionString connection = BlobConnectionString.Parse(text, setting);
            if (!string.Equals(connection.AccountName, account, StringComparison.Ordinal) && connection.AccountName is not null)
            {
                skipped.Add($"{setting} is for account '{connection.AccountName}'");
                continue;
            }
            if (connection.AccountKey is { } key) return new SharedKeyCredential(account, key);
            if (connection.SharedAccessSignature is { } sas) return new SasCredential(sas);
        }

        if (ManagedIdentityTokenSource.FromEnvironment(environment, IdentityHttp.Value) is { } identity)
            return new BearerTokenCredential(new CachingTokenSource(identity));

        throw Bad(uri, $"no credentials for blob account '{account}': put a SAS in the URL, set {EmberSettings.BlobConnection} "
                       + $"(or {EmberSettings.AzureWebJobsStorage}) to a connection string for it, or run with a managed identity"
                       + (skipped.Count > 0 ? $" ({string.Join("; ", skipped)})" : ""));
    }

    private static string? Setting(Func<string, string?> environment, string name) =>
        environment(name) is { Length: > 0 } value ? value : null;

    private static ObjectStoreException Bad(string uri, string problem) =>
        new(ObjectStoreErrorKind.Misconfigured, Redact(uri), null, problem);

    /// <summary>A SAS is a secret: never echo the query string.</summary>
    private static string Redact(string uri)
    {
        int q = uri.IndexOf('?');
        return q < 0 ? uri : uri[..q] + "?<redacted>";
    }
}
