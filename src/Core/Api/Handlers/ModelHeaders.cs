using System.Runtime.CompilerServices;
using Ember.Serving;

namespace Ember.Api;

/// <summary>Response headers naming the model version that answered (hosts log them; clients may check them).</summary>
public static class ModelHeaders
{
    public const string Model = "Ember-Model";
    public const string Version = "Ember-Model-Version";

    private static readonly ConditionalWeakTable<ServedModel, IReadOnlyDictionary<string, string>> Cache = new();

    /// <summary>The same (immutable) map for every answer of one model version.</summary>
    internal static IReadOnlyDictionary<string, string> Of(ServedModel model) =>
        Cache.GetValue(model, static m => new Dictionary<string, string>(2, StringComparer.OrdinalIgnoreCase)
        {
            [Model] = m.Name,
            [Version] = m.Version,
        });
}
