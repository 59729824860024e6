using System.Globalization;
using Ember.Bundles;
using Ember.Configuration;

namespace Ember.Serving;

/// <summary>How the <see cref="ModelCache"/> behaves; <see cref="FromEnvironment"/> reads the EMBER_* settings.</summary>
public sealed record ModelCacheOptions
{
    /// <summary>Memory budget for warm models (sum of <see cref="ServedModel.EstimatedBytes"/>), EMBER_CACHE_MB; default 512 MiB.</summary>
    public long CacheBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How long resolved aliases are trusted before the next conditional read, EMBER_ALIAS_REFRESH_SECONDS; default 30 s. Zero re-checks on every request.</summary>
    public TimeSpan AliasRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Models to warm at start, EMBER_PRELOAD ("name,name@alias").</summary>
    public IReadOnlyList<ModelRequest> Preload { get; init; } = [];

    /// <summary>Loads running at once; more wait. Loading is CPU- and memory-heavy, and the host has few cores.</summary>
    public int MaxConcurrentLoads { get; init; } = 2;

    /// <summary>Longest one load may take, EMBER_MODEL_LOAD_TIMEOUT_SECONDS; default 120 s.</summary>
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A failed load is answered from memory this long before it is tried again (so a broken bundle is not re-downloaded per request).</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest model (sum of its files) that will be downloaded.</summary>
    public long MaxBundleBytes { get; init; } = BundleFiles.DefaultMaxBytes;

    /// <summary>
    /// Files fetched at once while downloading one version. A Spark model is a dozen or more small
    /// files; fetched together they cost one round trip of a cold start instead of several.
    /// </summary>
    public int DownloadParallelism { get; init; } = 16;

    /// <summary>The alias a request without version or alias gets when the model defines it; else the latest version.</summary>
    public string DefaultAlias { get; init; } = "prod";

    /// <summary>Reads EMBER_CACHE_MB, EMBER_ALIAS_REFRESH_SECONDS, EMBER_PRELOAD and EMBER_MODEL_LOAD_TIMEOUT_SECONDS; an unusable value is an error naming the setting.</summary>
    public static ModelCacheOptions FromEnvironment(Func<string, string?> environment)
    {
        var options = new ModelCacheOptions();
        if (Number(environment, EmberSettings.CacheMegabytes, min: 1) is { } mb)
            options = options with { CacheBytes = (long)(mb * 1024 * 1024) };
        if (Number(environment, EmberSettings.AliasRefreshSeconds, min: 0) is { } refresh)
            options = options with { AliasRefreshInterval = TimeSpan.FromSeconds(refresh) };
        if (Number(environment, EmberSettings.ModelLoadTimeoutSeconds, min: 1) is { } timeout)
            options = options with { LoadTimeout = TimeSpan.FromSeconds(timeout) };
        if (environment(EmberSettings.Preload) is { } preload)
            options = options with { Preload = ParsePreload(preload) };
        return options;
    }

    /// <summary>"iris, churn@canary" → (iris), (churn, alias canary). Empty items are ignored.</summary>
    public static IReadOnlyList<ModelRequest> ParsePreload(string text)
    {
        var requests = new List<ModelRequest>();
        foreach (string item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = item.IndexOf('@');
            string name = at < 0 ? item : item[..at];
            string? alias = at < 0 ? null : item[(at + 1)..];
            if (name.Length == 0 || alias is { Length: 0 })
                throw new FormatException($"{EmberSettings.Preload}: '{item}' is not name or name@alias.");
            requests.Add(new ModelRequest(name, Alias: alias));
        }
        return requests;
    }

    private static double? Number(Func<string, string?> environment, string name, double min)
    {
        string? text = environment(name);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < min)
            throw new FormatException($"{name}='{text}' is not a number of at least {min.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }
}
