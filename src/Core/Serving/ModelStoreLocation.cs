using Ember.Configuration;

namespace Ember.Serving;

/// <summary>
/// Which model store a process uses when it is not told: EMBER_MODEL_STORE when set; otherwise
/// samples/models in the repository the current directory is inside (found by walking up to the
/// folder holding Ember.slnx); otherwise samples/models under the current directory.
/// </summary>
public static class ModelStoreLocation
{
    public const string SamplesFolder = "samples/models";

    /// <param name="explicitStore">A --store value; wins over everything.</param>
    public static string Resolve(string? explicitStore, Func<string, string?> environment, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitStore))
            return explicitStore.Trim();
        if (environment(EmberSettings.ModelStore) is { Length: > 0 } configured && !string.IsNullOrWhiteSpace(configured))
            return configured.Trim();
        for (var dir = new DirectoryInfo(currentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ember.slnx")))
                return Path.Combine(dir.FullName, "samples", "models");
        return Path.Combine(currentDirectory, "samples", "models");
    }
}
