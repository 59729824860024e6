using System.Text.Json;
using Ember.Api;

namespace Ember.Monitoring;

/// <summary>Reads and writes the baseline stored in a manifest's "baseline" field.</summary>
public static class BaselineCodec
{
    public static JsonElement ToJsonElement(ModelBaseline baseline) =>
        JsonSerializer.SerializeToElement(baseline, EmberJsonContext.Default.ModelBaseline);

    /// <summary>The baseline of a manifest, or null when it has none.</summary>
    /// <exception cref="FormatException">The field is not a baseline this version reads; the message says why.</exception>
    public static ModelBaseline? FromManifest(JsonElement? element)
    {
        if (element is not { } e || e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return null;
        ModelBaseline? baseline;
        try
        {
            baseline = e.Deserialize(EmberJsonContext.Default.ModelBaseline);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the manifest's baseline is not valid: {ex.Message}", ex);
        }
        if (baseline is null)
            return null;
        if (baseline.FormatVersion != ModelBaseline.CurrentFormat)
            throw new FormatException($"the manifest's baseline has format {baseline.FormatVersion}; this Ember reads format {ModelBaseline.CurrentFormat}");
        // Parse every profile once so a bad one is reported at load, not on the first view.
        ProfileSet.FromData(baseline.Inputs, baseline.Outputs);
        return baseline;
    }
}
