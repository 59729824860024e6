namespace Ember.Testing;

/// <summary>
/// Finds the shared corpora (zoo, mleap, parquet-testing, reference) through one setting:
/// EMBER_SHARED_DIR, default ../shared next to the repository. Tests that need a corpus carry
/// [Trait("Corpus", name)] so the test command can leave them out, loudly, where it is absent.
/// </summary>
public static class Corpus
{
    public const string Trait = "Corpus";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedDirectory { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("EMBER_SHARED_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Zoo => Path.Combine(SharedDirectory, "zoo");
    public static string MLeap => Path.Combine(SharedDirectory, "mleap");
    public static string ParquetTesting => Path.Combine(SharedDirectory, "parquet-testing");

    /// <summary>The folder of a corpus, or an exception that says how to make it available.</summary>
    public static string Require(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(
                $"Corpus folder '{folder}' is missing. Set EMBER_SHARED_DIR to the shared folder, or run the test command, which leaves corpus suites out (and says so) where they are absent.");
        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ember.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Ember.slnx) above " + AppContext.BaseDirectory);
    }
}
