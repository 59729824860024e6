using System.Diagnostics.CodeAnalysis;
using Ember.MLeap.Ops;
using Ember.Pipeline;

namespace Ember.MLeap;

/// <summary>Turns one bundle node into a stage definition.</summary>
internal delegate StageDefinition MLeapOpLoader(MLeapNode node, MLeapLoadContext context);

/// <summary>MLeap op name → loader, plus the ops Ember knowingly refuses (with the reason).</summary>
internal sealed class MLeapOpRegistry
{
    private readonly Dictionary<string, MLeapOpLoader> _loaders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unsupported = new(StringComparer.Ordinal);

    public static MLeapOpRegistry CreateDefault()
    {
        var registry = new MLeapOpRegistry();
        FeatureOps.Register(registry);
        TextOps.Register(registry);
        LshOps.Register(registry);
        PredictorOps.Register(registry);
        OneVsRestOp.Register(registry);
        TreeOps.Register(registry);
        MLeapExtensionOps.Register(registry);
        UnsupportedOps.Register(registry);
        return registry;
    }

    public void Register(string op, MLeapOpLoader loader) => _loaders[op] = loader;

    public void RegisterUnsupported(string op, string reason) => _unsupported[op] = reason;

    public bool TryGet(string op, [MaybeNullWhen(false)] out MLeapOpLoader loader) => _loaders.TryGetValue(op, out loader);

    public string? UnsupportedReason(string op) => _unsupported.GetValueOrDefault(op);

    public IEnumerable<string> SupportedOps => _loaders.Keys;
}
