namespace Ember.Spark;

/// <summary>Turns one saved stage into its definition.</summary>
public delegate Pipeline.StageDefinition StageLoader(SavedStage stage);

/// <summary>
/// Spark class name → loader. Built explicitly (no reflection, AOT-safe): each family of stages
/// registers its loaders in one file. Classes known but not supported are registered with the
/// reason, so the error says why rather than "unknown class".
/// </summary>
public sealed class SparkStageRegistry
{
    private readonly Dictionary<string, StageLoader> _loaders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unsupported = new(StringComparer.Ordinal);

    /// <summary>Every loader Ember ships.</summary>
    public static SparkStageRegistry CreateDefault()
    {
        var registry = new SparkStageRegistry();
        BuiltInStages.RegisterAll(registry);
        return registry;
    }

    public void Register(string sparkClass, StageLoader loader)
    {
        _loaders[sparkClass] = loader;
        _unsupported.Remove(sparkClass);
    }

    /// <summary>Names a class Ember knows of but cannot serve, with the reason.</summary>
    public void RegisterUnsupported(string sparkClass, string reason)
    {
        if (!_loaders.ContainsKey(sparkClass))
            _unsupported[sparkClass] = reason;
    }

    public bool TryGet(string sparkClass, out StageLoader loader) => _loaders.TryGetValue(sparkClass, out loader!);

    public string? UnsupportedReason(string sparkClass) => _unsupported.GetValueOrDefault(sparkClass);

    public IEnumerable<string> SupportedClasses => _loaders.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> UnsupportedClasses => _unsupported;
}
