using System.Text;
using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>
/// One saved stage directory (metadata/, data/, sub-directories) being loaded: gives loaders its
/// metadata, resolved params, data rows and child stages, and builds errors that name its path.
/// </summary>
public sealed class SavedStage
{
    private SavedStage(IModelFileSystem files, string path, StageMetadata metadata, SparkModelLoader loader)
    {
        Files = files;
        Path = path;
        Metadata = metadata;
        Loader = loader;
    }

    public IModelFileSystem Files { get; }

    /// <summary>Path of the stage directory relative to the model root ("" for the root).</summary>
    public string Path { get; }

    public StageMetadata Metadata { get; }

    public SparkModelLoader Loader { get; }

    public StageParams Params => Metadata.Params;

    public StageInfo Info => Metadata.Info;

    public SparkVersion Version => Metadata.Version;

    public static SavedStage Open(IModelFileSystem files, string path, SparkModelLoader loader) =>
        new(files, path, ReadMetadata(files, path), loader);

    /// <summary>All rows of a data folder (default data/).</summary>
    public IReadOnlyList<DataRow> ReadData(string folder = "data")
    {
        string dir = ModelPath.Combine(Path, folder);
        if (!Files.DirectoryExists(dir))
            throw Error($"has no {folder}/ folder; {Metadata.Class} saves its learned data there.");
        try
        {
            return Loader.DataReader.ReadRows(Files, dir);
        }
        catch (ModelLoadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or NotSupportedException)
        {
            throw new ModelLoadException(dir, $"cannot read the saved data: {ex.Message}", ex);
        }
    }

    /// <summary>The single row most stages save (refuses zero or several rows).</summary>
    public DataRow ReadSingleRow(string folder = "data")
    {
        var rows = ReadData(folder);
        return rows.Count == 1
            ? rows[0]
            : throw Error($"{folder}/ holds {rows.Count} rows; {Metadata.Class} saves exactly one.");
    }

    /// <summary>Loads the stage saved in a sub-directory (bestModel, pipelineModel, model_0, stages/0_uid...).</summary>
    public StageDefinition LoadChild(string relative) => Loader.LoadStage(Files, ModelPath.Combine(Path, relative));

    public bool HasChild(string relative) => Files.DirectoryExists(ModelPath.Combine(Path, relative));

    public ModelLoadException Error(string problem) => new(Path, $"{Metadata.Class}: {problem}");

    /// <summary>Reads metadata/part-* (part-00000 up to 3.x, part-00000-&lt;uuid&gt;-c000.txt in 4.x): the first non-empty line.</summary>
    internal static StageMetadata ReadMetadata(IModelFileSystem files, string path)
    {
        string dir = ModelPath.Combine(path, "metadata");
        if (!files.DirectoryExists(dir))
            throw new ModelLoadException(path, $"no metadata/ folder in {files.DisplayName}/{path}: this is not a saved Spark ML stage.");
        foreach (var name in files.ListFiles(dir))
        {
            if (!name.StartsWith("part-", StringComparison.Ordinal) || name.EndsWith(".crc", StringComparison.Ordinal))
                continue;
            string file = ModelPath.Combine(dir, name);
            if (files.FileSize(file) > 64L * 1024 * 1024)
                throw new ModelLoadException(path, $"metadata file {name} is larger than 64 MiB; refused.");
            using var reader = new StreamReader(files.OpenRead(file), Encoding.UTF8);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Trim().Length > 0)
                    return StageMetadata.Parse(line, path);
            }
        }
        throw new ModelLoadException(path, "metadata/ holds no non-empty part-* file.");
    }
}
