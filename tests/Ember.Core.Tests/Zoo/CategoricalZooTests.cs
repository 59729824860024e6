using System.Globalization;
using System.Text.Json;
using Xunit;
using Ember.Pipeline;
using Ember.Spark;
using Ember.Testing;
using static Ember.Core.Tests.Pipeline.PipelineHarness;

namespace Ember.Core.Tests.Zoo;

/// <summary>The zoo's real StringIndexer/OneHotEncoder/Bucketizer/... stages load and score their data.</summary>
[Trait(Corpus.Trait, "zoo")]
public class CategoricalZooTests
{
    private static readonly string[] Classes =
    [
        "StringIndexerModel", "IndexToString", "OneHotEncoderModel", "OneHotEncoder", "Bucketizer", "Binarizer",
        "ImputerModel", "VectorIndexerModel", "VectorSizeHint", "Interaction",
    ];

    private static SparkModelLoader Loader => SparkModelLoader.CreateDefault();

    [Fact]
    public void EveryCategoricalStageInTheZoo_Loads()
    {
        var zoo = Corpus.Require(Corpus.Zoo);
        int loaded = 0;
        foreach (var metadataDir in Directory.EnumerateDirectories(zoo, "metadata", SearchOption.AllDirectories))
        {
            string stageDir = Path.GetDirectoryName(metadataDir)!;
            if (stageDir.Contains($"{Path.DirectorySeparatorChar}estimator", StringComparison.Ordinal))
                continue;
            string file = Directory.EnumerateFiles(metadataDir, "part-*").First();
            using var doc = JsonDocument.Parse(File.ReadLines(file).First());
            string cls = doc.RootElement.GetProperty("class").GetString()!;
            if (!cls.StartsWith("org.apache.spark.ml.feature.", StringComparison.Ordinal) || !Classes.Contains(cls[(cls.LastIndexOf('.') + 1)..]))
                continue;
            var definition = Loader.LoadStage(new DirectoryModelFileSystem(stageDir), "");
            Assert.Equal(cls, definition.Info.SparkClass);
            loaded++;
        }
        Assert.True(loaded >= 40, $"only {loaded} categorical stages found in the zoo");
    }

    [Fact]
    public void RfHousing_ImputersAssemblerVectorIndexer_ScoreEveryRow()
    {
        string model = Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-rf-housing-s330", "model");
        var stages = new[] { "0_Imputer_6a3a8e5e48d0", "1_Imputer_7dbe8acd9ae4", "2_VectorAssembler_33366f819ed3", "3_VectorIndexer_03b124e08856" }
            .Select(s => Loader.LoadStage(new DirectoryModelFileSystem(model), "stages/" + s)).ToArray();
        var (types, rows) = ReadCsv(Path.Combine(model, "..", "data", "Housing"));
        var p = Compile(types, stages);
        var results = Score(p, ["catFeatureVector", "imputedAge"], rows);
        Assert.All(results, r => Assert.Equal(RowState.Ok, r.State));
        Assert.All(results, r => Assert.Equal(13, r.Vector("catFeatureVector").Size));
        // Row 0 has AGE 65.2 (kept); the CSV's -1 marks missing values, which the imputers replace.
        Assert.Equal(65.2, results[0]["imputedAge"]);
        Assert.DoesNotContain(results, r => (double)r["imputedAge"]! == -1.0);
    }

    [Fact]
    public void GbtAuto_BucketizersBinarizerInteractionIndexersEncodersHints_ScoreEveryRow()
    {
        string model = Path.Combine(Corpus.Require(Corpus.Zoo), "jpmml-gbt-auto-s240", "model");
        var files = new DirectoryModelFileSystem(model);
        var dirs = Directory.GetDirectories(Path.Combine(model, "stages")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        int[] wanted = [1, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        var stages = wanted.Select(i => Loader.LoadStage(files, "stages/" + dirs[i])).ToArray();
        var (types, rows) = ReadCsv(Path.Combine(model, "..", "data", "Auto"));
        var p = Compile(types, stages);
        string[] outputs = ["accelerationBinarizer", "horsepowerQuantile", "displacementBucket", "accelerationBin:displacementBucket:weight", "cylindersClassVector", "model_yearClassVector", "originClassVector"];
        var results = Score(p, outputs, rows);
        Assert.All(results, r => Assert.True(r.State == RowState.Ok, r.Error?.ToString()));
        Assert.Equal(5, p.Columns.Single(c => c.Name == "cylindersClassVector").VectorSize);
        // 18,8,307,130,3504,12,70,1: acceleration 12 ≤ 12.5; displacement 307 in [300, 400).
        Assert.Equal(0.0, results[0]["accelerationBinarizer"]);
        Assert.Equal(3.0, results[0]["displacementBucket"]);
    }

    /// <summary>A zoo CSV with its Spark schema (integer → int, double → double, string → string).</summary>
    private static (Dictionary<string, SparkType> Types, Dictionary<string, object?>[] Rows) ReadCsv(string stem)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(stem + ".schema.json"));
        var types = schema.RootElement.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => SparkType.Parse(f.GetProperty("type").GetString()!)!);
        var lines = File.ReadAllLines(stem + ".csv");
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split(',');
            var row = new Dictionary<string, object?>();
            for (int i = 0; i < header.Length; i++)
            {
                var type = types[header[i]];
                row[header[i]] = cells[i].Length == 0 ? null
                    : type == SparkType.String ? cells[i]
                    : type.IsIntegral ? long.Parse(cells[i], CultureInfo.InvariantCulture)
                    : double.Parse(cells[i], CultureInfo.InvariantCulture);
            }
            return row;
        }).ToArray();
        return (types, rows);
    }
}
