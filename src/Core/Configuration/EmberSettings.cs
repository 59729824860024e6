namespace Ember.Configuration;

/// <summary>
/// The names of every environment setting Ember reads: the one source of truth that the hosts,
/// the README and the infrastructure templates (infra/) are checked against.
/// </summary>
public static class EmberSettings
{
    /// <summary>Where models live: a path or file:// URI (default samples/), s3://bucket/prefix, or a Blob URL.</summary>
    public const string ModelStore = "EMBER_MODEL_STORE";

    /// <summary>Azure Storage connection string for Blob/Queue (Azurite: UseDevelopmentStorage=true).</summary>
    public const string BlobConnection = "EMBER_BLOB_CONNECTION";

    /// <summary>The Functions host's storage connection, used when EMBER_BLOB_CONNECTION is absent.</summary>
    public const string AzureWebJobsStorage = "AzureWebJobsStorage";

    /// <summary>Memory budget of the warm model cache, in MiB.</summary>
    public const string CacheMegabytes = "EMBER_CACHE_MB";

    /// <summary>Models to load at start: name or name@alias, comma separated.</summary>
    public const string Preload = "EMBER_PRELOAD";

    /// <summary>How often aliases are re-read from the store, in seconds (default 30).</summary>
    public const string AliasRefreshSeconds = "EMBER_ALIAS_REFRESH_SECONDS";

    /// <summary>Longest a model load (download, checks, compile, examples) may take, in seconds (default 120).</summary>
    public const string ModelLoadTimeoutSeconds = "EMBER_MODEL_LOAD_TIMEOUT_SECONDS";

    /// <summary>Largest number of rows in one predict request (default 1000).</summary>
    public const string MaxRequestRows = "EMBER_MAX_ROWS";

    /// <summary>Largest predict request body in bytes (default 4 MiB).</summary>
    public const string MaxRequestBytes = "EMBER_MAX_BODY_BYTES";

    /// <summary>S3 endpoint override (moto, MinIO); path-style addressing is used when set.</summary>
    public const string AwsEndpointS3 = "AWS_ENDPOINT_URL_S3";

    /// <summary>Generic AWS endpoint override, used when AWS_ENDPOINT_URL_S3 is absent.</summary>
    public const string AwsEndpoint = "AWS_ENDPOINT_URL";

    /// <summary>Port the Azure Functions host forwards to (set by the host for custom handlers).</summary>
    public const string FunctionsCustomHandlerPort = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>OpenTelemetry OTLP endpoint; metrics and traces are exported there when set.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Managed identity endpoint inside Azure Functions/App Service (set by the platform); used for Blob bearer tokens.</summary>
    public const string IdentityEndpoint = "IDENTITY_ENDPOINT";

    /// <summary>Secret sent as X-IDENTITY-HEADER to <see cref="IdentityEndpoint"/> (set by the platform).</summary>
    public const string IdentityHeader = "IDENTITY_HEADER";

    /// <summary>Client id of a user-assigned managed identity for Blob access; absent = system-assigned.</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    /// <summary>AWS region for S3 (AWS_DEFAULT_REGION is read when absent).</summary>
    public const string AwsRegion = "AWS_REGION";

    /// <summary>Fallback AWS region setting.</summary>
    public const string AwsDefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>Drift monitoring on the scoring path: "off" disables it (default on).</summary>
    public const string Monitor = "EMBER_MONITOR";

    /// <summary>Seconds per monitoring window; each instance flushes one snapshot per window to &lt;store&gt;/&lt;name&gt;/_monitor/ (default 300; 60 on Lambda).</summary>
    public const string MonitorWindowSeconds = "EMBER_MONITOR_WINDOW_SECONDS";
    /// <summary>
    /// A function key ember-azure checks itself (?code= or x-functions-key) on the function-key
    /// routes, for running it without the Functions host (the local server). On Azure leave it
    /// unset: the Functions host checks its own keys before it forwards a request.
    /// </summary>
    public const string FunctionKey = "EMBER_FUNCTION_KEY";

    /// <summary>Folder where the batch runner spools a remote Parquet input (default: the system temp folder).</summary>
    public const string BatchSpoolDirectory = "EMBER_BATCH_SPOOL_DIR";
}
