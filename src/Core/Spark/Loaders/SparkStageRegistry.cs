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
    private readonly HashSet<string> _custom = new(StringComparer.Ordinal);

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

    /// <summary>Where the custom-stage API is documented (load errors for unknown classes point there).</summary>
    public const string CustomStagesDoc = "docs/custom-stages.md";

    /// <summary>
    /// Registers a C# kernel for a class Ember does not ship: a team's own Transformer
    /// (PySpark writes e.g. "__main__.Cleanser" or "mypackage.stages.Cleanser") or a vendor stage.
    /// The loader turns the saved stage (metadata, params, data) into a definition; for row-wise
    /// transforms <see cref="Pipeline.CustomStage.RowWise"/> builds one without writing a kernel.
    /// Refuses to replace a built-in loader, so a typo cannot silently change a Spark stage.
    /// </summary>
    public void RegisterCustom(string sparkClass, StageLoader loader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sparkClass);
        ArgumentNullException.ThrowIfNull(loader);
        if (_loaders.ContainsKey(sparkClass) && !_custom.Contains(sparkClass))
            throw new ArgumentException($"{sparkClass} already has a built-in loader; a custom stage cannot replace it.", nameof(sparkClass));
        _custom.Add(sparkClass);
        Register(sparkClass, loader);
    }

    /// <summary>Classes registered through <see cref="RegisterCustom"/>.</summary>
    public IEnumerable<string> CustomClasses => _custom.Order(StringComparer.Ordinal);

    public bool TryGet(string sparkClass, out StageLoader loader) => _loaders.TryGetValue(sparkClass, out loader!);

    public string? UnsupportedReason(string sparkClass) => _unsupported.GetValueOrDefault(sparkClass);

    public IEnumerable<string> SupportedClasses => _loaders.Keys.Order(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> UnsupportedClasses => _unsupported;
}
