using System.Text;
using System.Text.Json;
using Ember.Pipeline;

namespace Ember.Spark;

/// <summary>Loaders for org.apache.spark.ml.clustering.* (reference §7.1–7.2).</summary>
internal static class ClusteringStageLoaders
{
    private const string Package = "org.apache.spark.ml.clustering.";

    public static void Register(SparkStageRegistry registry)
    {
        registry.Register(Package + "KMeansModel", LoadKMeans);
        registry.Register(Package + "BisectingKMeansModel", LoadBisectingKMeans);
    }

    /// <summary>data: 2.0+ rows (clusterIdx, clusterCenter) sorted by clusterIdx; 1.6 one row clusterCenters: array&lt;vector&gt;.</summary>
    private static StageDefinition LoadKMeans(SavedStage s)
    {
        var rows = s.ReadData();
        IReadOnlyList<SparkVector> centers;
        if (s.Version.Major >= 2)
        {
            var sorted = rows.OrderBy(r => r.GetInt("clusterIdx")).ToArray();
            for (int i = 0; i < sorted.Length; i++)
                if (sorted[i].GetInt("clusterIdx") != i)
                    throw s.Error($"cluster indices must be 0..{sorted.Length - 1}, found {sorted[i].GetInt("clusterIdx")} at position {i}.");
            centers = sorted.Select(r => r.GetVector("clusterCenter")).ToArray();
        }
        else
        {
            var row = s.ReadSingleRow();
            centers = row.GetList("clusterCenters").Select(v => new DataRow(["center"], [v], row.Source).GetVector("center")).ToArray();
        }
        return new KMeansModel(s.Info, s.Params.String("featuresCol", "features"), s.Params.String("predictionCol", "prediction"),
            s.Params.String("distanceMeasure", "euclidean"), centers);
    }

    /// <summary>
    /// data/ is an old-API (mllib) model directory: data/metadata (JSON text: class, version,
    /// rootId, distanceMeasure from format 2.0) and data/data (index, size, center, norm, cost,
    /// height, children).
    /// </summary>
    private static StageDefinition LoadBisectingKMeans(SavedStage s)
    {
        using var metadata = ReadOldApiMetadata(s, "data/metadata");
        var root = metadata.RootElement;
        if (!root.TryGetProperty("rootId", out var rootId) || !rootId.TryGetInt32(out int rootIndex))
            throw s.Error("data/metadata has no integer rootId.");
        string distance = root.TryGetProperty("distanceMeasure", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "euclidean";
        var nodes = s.ReadData("data/data").Select(r => new BisectingNode(
            r.GetInt("index"), r.GetVector("center"), r.GetDouble("norm"), r.GetIntArray("children"))).ToArray();
        return new BisectingKMeansModel(s.Info, s.Params.String("featuresCol", "features"), s.Params.String("predictionCol", "prediction"),
            distance, rootIndex, nodes);
    }

    private static JsonDocument ReadOldApiMetadata(SavedStage s, string folder)
    {
        string dir = ModelPath.Combine(s.Path, folder);
        foreach (var name in s.Files.ListFiles(dir))
        {
            if (!name.StartsWith("part-", StringComparison.Ordinal) || name.EndsWith(".crc", StringComparison.Ordinal))
                continue;
            string file = ModelPath.Combine(dir, name);
            if (s.Files.FileSize(file) > 1024 * 1024)
                throw s.Error($"{folder}/{name} is larger than 1 MiB; refused.");
            using var reader = new StreamReader(s.Files.OpenRead(file), Encoding.UTF8);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Trim().Length == 0)
                    continue;
                try
                {
                    var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                        return doc;
                    doc.Dispose();
                    throw s.Error($"{folder}/{name} is not a JSON object.");
                }
                catch (JsonException ex)
                {
                    throw s.Error($"{folder}/{name} is not valid JSON: {ex.Message}");
                }
            }
        }
        throw s.Error($"{folder}/ holds no non-empty part-* file with the old-API model metadata.");
    }
}
