namespace Ember.Infra.Tests.Tools;

/// <summary>A scratch folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ember-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Copies a folder tree, skipping Terraform's local state and caches.</summary>
    public static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            string name = System.IO.Path.GetFileName(file);
            if (name.EndsWith(".tfstate", StringComparison.Ordinal) || name.Contains(".tfstate.", StringComparison.Ordinal) || name == ".terraform.lock.hcl")
                continue;
            File.Copy(file, System.IO.Path.Combine(destination, name));
        }
        foreach (var dir in Directory.EnumerateDirectories(source))
        {
            string name = System.IO.Path.GetFileName(dir);
            if (name is ".terraform" or "terraform.tfstate.d")
                continue;
            CopyTree(dir, System.IO.Path.Combine(destination, name));
        }
    }
}
