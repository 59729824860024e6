namespace Ember.Serving;

/// <summary>
/// Where the API and the batch runner get models: resolves a name plus an optional version or
/// alias (default: alias "prod" when defined, else the latest version), loads on first use
/// (concurrent first requests share one load), keeps models warm, and reports their health.
/// </summary>
public interface IModelProvider
{
    /// <summary>A warm model, loading it if needed. Throws <see cref="ModelNotFoundException"/> or <see cref="ModelUnavailableException"/>.</summary>
    ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken);

    /// <summary>Every model name in the store with its versions and aliases.</summary>
    Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Health of the models loaded so far (ready = every warm model passes its examples).</summary>
    IReadOnlyList<ModelHealth> Health();
}

/// <summary>What a request asks for.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Explicit version, or null.</param>
/// <param name="Alias">Explicit alias, or null (default "prod" when defined, else latest).</param>
/// <param name="RoutingKey">Makes weighted (canary) aliases deterministic per key, when given.</param>
public sealed record ModelRequest(string Name, string? Version = null, string? Alias = null, string? RoutingKey = null);

/// <summary>A model name with its versions (lowest first) and aliases.</summary>
public sealed record ModelListing(string Name, IReadOnlyList<string> Versions, IReadOnlyList<AliasListing> Aliases);

/// <summary>An alias: the version it serves, an optional canary version with its traffic weight (percent).</summary>
public sealed record AliasListing(string Alias, string Version, string? CanaryVersion = null, int? CanaryWeight = null);

/// <summary>Health of one loaded model version.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Version">Version.</param>
/// <param name="Ready">Loaded and passing its examples.</param>
/// <param name="Degraded">A reload failed; the last good version keeps serving.</param>
/// <param name="Detail">Why it is not ready or degraded.</param>
public sealed record ModelHealth(string Name, string Version, bool Ready, bool Degraded, string? Detail);

/// <summary>No such model, version or alias (404).</summary>
public sealed class ModelNotFoundException(string message) : Exception(message);

/// <summary>The model exists but cannot be loaded now: store outage, corrupt bundle, failed examples (503).</summary>
public sealed class ModelUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
