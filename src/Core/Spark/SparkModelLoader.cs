using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>
/// Loads a model exactly as Spark's save() wrote it — a directory, or a .zip of one — into plain
/// stage definitions, dispatching each stage on its metadata class.
/// </summary>
public sealed class SparkModelLoader
{
    /// <summary>Pipelines inside tuning models inside pipelines...: deeper than this is not a real model.</summary>
    private const int MaxNesting = 32;

    [ThreadStatic]
    private static int t_depth;

    public SparkModelLoader(SparkStageRegistry registry, IDataFileReader dataReader)
    {
        Registry = registry;
        DataReader = dataReader;
    }

    /// <summary>Every stage Ember ships, reading data with Ember's Parquet reader.</summary>
    public static SparkModelLoader CreateDefault() => new(SparkStageRegistry.CreateDefault(), SparkParquetDataReader.Instance);

    public SparkStageRegistry Registry { get; }

    public IDataFileReader DataReader { get; }

    /// <summary>Loads a model directory or a .zip of one.</summary>
    public SparkModel Load(string path)
    {
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            return Load(new ZipModelFileSystem(stream, path));
        }
        return Load(new DirectoryModelFileSystem(path));
    }

    public SparkModel Load(IModelFileSystem files)
    {
        var root = LoadStage(files, "");
        return new SparkModel(root, files.DisplayName);
    }

    /// <summary>Loads the stage saved at <paramref name="path"/> (relative to the model root).</summary>
    public StageDefinition LoadStage(IModelFileSystem files, string path)
    {
        if (t_depth >= MaxNesting)
            throw new ModelLoadException(path, $"stages are nested more than {MaxNesting} deep.");
        var stage = SavedStage.Open(files, path, this);
        string cls = stage.Metadata.Class;
        if (!Registry.TryGet(cls, out var loader))
        {
            string reason = Registry.UnsupportedReason(cls) ?? "Ember has no loader for this class";
            throw new ModelLoadException(path, $"unsupported stage class {cls} ({reason}). If this is your own Transformer, "
                + $"register a C# kernel for it with SparkStageRegistry.RegisterCustom: see {SparkStageRegistry.CustomStagesDoc}.") { UnsupportedClass = cls };
        }
        t_depth++;
        try
        {
            return loader(stage);
        }
        catch (ModelLoadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException
            or IndexOutOfRangeException or KeyNotFoundException or InvalidCastException or OverflowException)
        {
            throw new ModelLoadException(path, $"{cls}: {ex.Message}", ex);
        }
        finally
        {
            t_depth--;
        }
    }
}
