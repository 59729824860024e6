using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Ember.Api;
using Ember.Bundles;
using Ember.Pipeline;
using Ember.Serving.Metrics;
using Ember.Spark;
using Ember.Storage;
using Ember.Storage.Registry;

namespace Ember.Serving;

/// <summary>
/// The simplest <see cref="IModelProvider"/>: models in a local folder laid out as the registry
/// lays them out (<c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/</c>, a bundle with ember.json + model/ or a
/// bare Spark directory; aliases.json beside the versions). Loads each version once on first use
/// (concurrent first requests share the load) and keeps it; no memory budget, no alias refresh,
/// no example checks. For local runs and tests; the hosts use the model cache over any store.
/// </summary>
public sealed class DirectoryModelProvider : IModelProvider
{
    /// <summary>A model that failed to load is tried again on the next request after this long at the earliest.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly string _root;
    private readonly ModelRepository _repository;
    private readonly EmberMetrics? _metrics;
    /// <summary>How long a resolved alias or "latest" is reused before the folder is read again (as the cache's alias refresh).</summary>
    private static readonly TimeSpan ResolutionLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Name, string Version), Lazy<Task<ServedModel>>> _loaded = new();
    private readonly ConcurrentDictionary<(string Name, string? Version, string? Alias), (string Version, long Until)> _resolved = new();

    public DirectoryModelProvider(string root, EmberMetrics? metrics = null)
    {
        _root = Path.GetFullPath(root);
        _repository = new ModelRepository(new FileStore(_root));
        _metrics = metrics;
    }

    public async ValueTask<ServedModel> GetAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        // Reading aliases.json and listing versions on every request would make I/O the hot path.
        var question = (request.Name, request.Version, request.Alias);
        long now = Environment.TickCount64;
        string version;
        if (_resolved.TryGetValue(question, out var known) && known.Until > now)
            version = known.Version;
        else
        {
            version = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            if (_resolved.Count < 10_000)
                _resolved[question] = (version, now + (long)ResolutionLifetime.TotalMilliseconds);
        }
        var key = (request.Name, version);
        if (_loaded.TryGetValue(key, out var existing) && existing.Value.IsCompletedSuccessfully)
        {
            _metrics?.CacheHit(request.Name);
            return existing.Value.Result;
        }
        _metrics?.CacheMiss(request.Name);
        var load = _loaded.GetOrAdd(key, k => new Lazy<Task<ServedModel>>(() => Task.Run(() => Load(k.Name, k.Version))));
        try
        {
            return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ModelLoadException or PipelineCompileException or IOException or JsonException or FormatException or NotSupportedException)
        {
            _loaded.TryRemove(new KeyValuePair<(string, string), Lazy<Task<ServedModel>>>(key, load));
            _metrics?.ModelLoadFailed(request.Name);
            throw new ModelUnavailableException($"Model '{request.Name}' version '{version}' cannot be loaded: {ex.Message}", RetryAfter, ex);
        }
    }

    public async Task<IReadOnlyList<ModelListing>> ListAsync(CancellationToken cancellationToken)
    {
        var listings = new List<ModelListing>();
        foreach (string name in await _repository.ListModelsAsync(cancellationToken).ConfigureAwait(false))
        {
            var versions = await _repository.ListVersionsAsync(name, cancellationToken).ConfigureAwait(false);
            var aliases = await _repository.ReadAliasesAsync(name, cancellationToken).ConfigureAwait(false);
            listings.Add(new ModelListing(name, versions, aliases.Entries
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new AliasListing(a.Key, a.Value.Version, null, a.Value.Weight))
                .ToList()));
        }
        return listings;
    }

    public IReadOnlyList<ModelHealth> Health() =>
        _loaded.Where(p => p.Value.IsValueCreated && p.Value.Value.IsCompletedSuccessfully)
            .Select(p => new ModelHealth(p.Key.Name, p.Key.Version, Ready: true, Degraded: false, Detail: null))
            .OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Version, StringComparer.Ordinal)
            .ToList();

    /// <summary>Explicit version, else the alias (default "prod" when defined), else the latest version.</summary>
    private async Task<string> ResolveAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.Version is { } version)
            {
                var versions = await _repository.ListVersionsAsync(request.Name, cancellationToken).ConfigureAwait(false);
                return versions.Contains(version, StringComparer.Ordinal) ? version
                    : throw new ModelNotFoundException(versions.Count == 0
                        ? $"No model named '{request.Name}' in {_root}."
                        : $"Model '{request.Name}' has no version '{version}'; versions: {string.Join(", ", versions)}.");
            }
            if (request.Alias is { } alias)
            {
                var aliases = await _repository.ReadAliasesAsync(request.Name, cancellationToken).ConfigureAwait(false);
                return aliases.Entries.TryGetValue(alias, out var entry) ? entry.Version
                    : throw new ModelNotFoundException($"Model '{request.Name}' has no alias '{alias}'"
                        + (aliases.Entries.Count > 0 ? $"; aliases: {string.Join(", ", aliases.Entries.Keys.Order(StringComparer.Ordinal))}." : "."));
            }
            var defaults = await _repository.ReadAliasesAsync(request.Name, cancellationToken).ConfigureAwait(false);
            if (defaults.Entries.TryGetValue("prod", out var prod))
                return prod.Version;
            return await _repository.ResolveAsync(request.Name, ModelRepository.Latest, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRegistryException ex) when (ex.Code is ModelRegistryErrorCode.InvalidName or ModelRegistryErrorCode.ModelNotFound or ModelRegistryErrorCode.VersionNotFound)
        {
            throw new ModelNotFoundException(ex.Code == ModelRegistryErrorCode.ModelNotFound ? $"No model named '{request.Name}' in {_root}." : ex.Message);
        }
        catch (ModelRegistryException ex)
        {
            throw new ModelUnavailableException(ex.Message, RetryAfter, ex);
        }
    }

    private ServedModel Load(string name, string version)
    {
        long started = Stopwatch.GetTimestamp();
        string dir = Path.Combine(_root, name, version);
        string manifestPath = Path.Combine(dir, BundleManifest.FileName);
        BundleManifest? manifest = null;
        string modelDir = dir;
        if (File.Exists(manifestPath))
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(manifestPath), EmberJsonContext.Default.BundleManifest)
                ?? throw new FormatException($"{manifestPath} is empty.");
            modelDir = Path.Combine(dir, BundleManifest.ModelFolder);
        }
        var model = SparkModelLoader.CreateDefault().Load(modelDir);
        var pipeline = model.Compile(DeclaredTypes(manifest));
        _metrics?.ModelLoaded(name, version, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ServedModel(name, version, model, pipeline, manifest);
    }

    private static Dictionary<string, SparkType>? DeclaredTypes(BundleManifest? manifest)
    {
        if (manifest is null)
            return null;
        var types = new Dictionary<string, SparkType>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in manifest.InputSchema)
            types[column.Name] = SparkType.Parse(column.Type)
                ?? throw new FormatException($"ember.json: input column '{column.Name}' has type '{column.Type}', which Ember cannot read.");
        return types;
    }
}
