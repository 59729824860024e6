namespace Ember.Spark;

/// <summary>
/// A model that cannot be loaded: unreadable metadata, an unsupported class, data that does not
/// have the expected shape. Names the stage path (relative to the model root) and the problem.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string path, string message, Exception? inner = null)
        : base(string.IsNullOrEmpty(path) ? message : $"{path}: {message}", inner) => StagePath = path;

    /// <summary>Where in the model the problem is, e.g. "stages/2_strIdx_5b2c".</summary>
    public string StagePath { get; }

    /// <summary>The Spark class that is not supported, when that is the problem.</summary>
    public string? UnsupportedClass { get; init; }
}
