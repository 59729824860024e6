using Ember.Bundles;
using Ember.Parquet;
using Ember.Storage;
using Ember.Storage.Registry;
using static Ember.SampleModels.SparkLayoutWriter;

namespace Ember.Monitoring.Tests;

/// <summary>
/// <see cref="DemoModel"/> as the real host serves it: saved in Spark 3.5's PipelineModel layout
/// (tools/Ember.SampleModels' writer), packed with its training baseline by the code `ember pack
/// --baseline` runs, and pushed to a file model store as versions 1 and 2 with alias prod -> 1
/// and a 10% canary of 2.
/// </summary>
internal static class DemoBundle
{
    public const string Name = "demo";
    public const int CanaryWeight = 10;

    /// <summary>Fills <paramref name="store"/> (an empty folder); <paramref name="work"/> holds the Spark model, sample and bundle.</summary>
    public static async Task CreateStoreAsync(string store, string work)
    {
        string model = Path.Combine(work, "spark-model");
        WriteSparkModel(model);
        string sample = DemoModel.WriteTrainingSample(work);
        using var files = new FileStore(store);
        var repository = new ModelRepository(files);
        foreach (string version in (string[])["1", "2"])
        {
            string bundle = Path.Combine(work, "bundle-" + version);
            var options = new PackOptions(Name, version, "DemoModel saved in Spark's layout by the status page tests",
                Baseline: pipeline => BaselineCodec.ToJsonElement(BaselineBuilder.Build(pipeline, sample).Baseline));
            new BundleWriter().Pack(model, options, bundle);
            await repository.PushAsync(Name, version, bundle);
        }
        await repository.PromoteAsync(Name, "prod", "1");
        await repository.PromoteAsync(Name, "prod", "2", CanaryWeight);
    }

    /// <summary>StringIndexerModel (color, keep) → VectorAssembler [x, colorIndex] → binomial LogisticRegressionModel, as DemoModel.Pipeline builds it.</summary>
    private static void WriteSparkModel(string root)
    {
        string[] uids = ["strIdx_0a1b2c3d4e5f", "vecAssembler_1b2c3d4e5f6a", "logreg_2c3d4e5f6a7b"];
        WriteMetadata(root, "org.apache.spark.ml.PipelineModel", "pipeline_3d4e5f6a7b8c",
            $"{{\"stageUids\":[{string.Join(",", uids.Select(u => $"\"{u}\""))}]}}", "{}");
        string stages = Path.Combine(root, "stages");

        string indexer = Path.Combine(stages, "0_" + uids[0]);
        WriteMetadata(indexer, "org.apache.spark.ml.feature.StringIndexerModel", uids[0],
            "{\"inputCol\":\"color\",\"outputCol\":\"colorIndex\",\"handleInvalid\":\"keep\"}",
            "{\"stringOrderType\":\"frequencyDesc\",\"handleInvalid\":\"error\",\"outputCol\":\"" + uids[0] + "__output\"}");
        WriteData(indexer, "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
            new ParquetSchema(ParquetField.List("labelsArray", ParquetField.List("element", ParquetField.String("element")))),
            new List<object?> { DemoModel.Colors.Cast<object?>().ToList() });

        WriteMetadata(Path.Combine(stages, "1_" + uids[1]), "org.apache.spark.ml.feature.VectorAssembler", uids[1],
            "{\"inputCols\":[\"x\",\"colorIndex\"],\"outputCol\":\"features\",\"handleInvalid\":\"error\"}",
            "{\"outputCol\":\"" + uids[1] + "__output\",\"handleInvalid\":\"error\"}");

        string logreg = Path.Combine(stages, "2_" + uids[2]);
        WriteMetadata(logreg, "org.apache.spark.ml.classification.LogisticRegressionModel", uids[2],
            "{\"featuresCol\":\"features\",\"labelCol\":\"label\",\"family\":\"binomial\"}",
            "{\"predictionCol\":\"prediction\",\"probabilityCol\":\"probability\",\"rawPredictionCol\":\"rawPrediction\",\"threshold\":0.5}");
        WriteData(logreg, "5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9",
            new ParquetSchema(ParquetField.Int32("numClasses", nullable: false), ParquetField.Int32("numFeatures", nullable: false),
                Vector("interceptVector"), Matrix("coefficientMatrix"), ParquetField.Boolean("isMultinomial", nullable: false)),
            2, 2, DenseVector(-0.5), DenseMatrix(1, 2, [1.0, 0.5], isTransposed: true), false);
    }
}
