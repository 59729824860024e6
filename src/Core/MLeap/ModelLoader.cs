using Ember.Spark;

namespace Ember.MLeap;

/// <summary>
/// One entry for every model path: an MLeap bundle (bundle.json + root/, directory or zip) goes to
/// the MLeap loader, anything else to the Spark loader.
/// </summary>
public static class ModelLoader
{
    public static SparkModel Load(string path)
    {
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            return Load(new ZipModelFileSystem(stream, path));
        }
        return Load(new DirectoryModelFileSystem(path));
    }

    public static SparkModel Load(IModelFileSystem files) =>
        MLeapBundleLoader.IsBundle(files)
            ? MLeapBundleLoader.CreateDefault().Load(files)
            : SparkModelLoader.CreateDefault().Load(files);
}
