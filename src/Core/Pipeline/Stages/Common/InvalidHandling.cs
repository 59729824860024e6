namespace Ember.Pipeline;

/// <summary>Spark's handleInvalid choices (each stage accepts its own subset).</summary>
public enum InvalidHandling
{
    Error,
    Skip,
    Keep,
    /// <summary>VectorSizeHint only: no checks.</summary>
    Optimistic,
}

internal static class InvalidHandlingParser
{
    /// <summary>Parses a handleInvalid value, refusing the ones this stage does not support.</summary>
    public static InvalidHandling Parse(PipelineBuilder builder, string value, params InvalidHandling[] allowed)
    {
        InvalidHandling? parsed = value.ToLowerInvariant() switch
        {
            "error" => InvalidHandling.Error,
            "skip" => InvalidHandling.Skip,
            "keep" => InvalidHandling.Keep,
            "optimistic" => InvalidHandling.Optimistic,
            _ => null,
        };
        if (parsed is { } p && Array.IndexOf(allowed, p) >= 0)
            return p;
        throw builder.Error(null, $"handleInvalid '{value}' is not one of {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}.");
    }

    /// <summary>A value shown in an error, cut to a readable length.</summary>
    public static string Shown(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
