using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Ember.Api;
using Ember.Bundles;
using Ember.Parquet;
using Ember.Pipeline;
using Ember.Spark;
using static Ember.SampleModels.SparkLayoutWriter;

namespace Ember.SampleModels;

/// <summary>
/// Writes samples/models/iris/1 (bundle: ember.json + model/) and samples/requests/iris.json.
/// The model is an iris classifier in Spark 3.5's PipelineModel layout — VectorAssembler
/// (handleInvalid = skip), StandardScalerModel, multinomial LogisticRegressionModel, IndexToString —
/// with hand-chosen coefficients (from the iris class means; not fitted), written by Ember's own
/// Parquet writer. The examples in ember.json are Ember's outputs for four rows.
/// Usage: dotnet run --project tools/Ember.SampleModels -- [samples-folder]
/// </summary>
internal static class Program
{
    private static readonly string[] Features = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    // Iris feature means and standard deviations (rounded), used by the scaler.
    private static readonly double[] Mean = [5.843, 3.057, 3.758, 1.199];
    private static readonly double[] Std = [0.828, 0.436, 1.765, 0.762];

    // Scores on scaled features: setosa when petals are small, virginica when large; boundaries
    // fall between the class means of petal length + width.
    private static readonly double[,] Coefficients =
    {
        { 0.0, 0.75, -6.0, -6.0 },
        { 0.0, -0.45, 0.0, 0.0 },
        { 0.0, 0.0, 6.0, 6.0 },
    };
    private static readonly double[] Intercepts = [-6.3, 0.0, -7.65];

    private static readonly double[][] ExampleRows =
    [
        [5.1, 3.5, 1.4, 0.2],
        [6.0, 2.7, 4.5, 1.5],
        [6.7, 3.1, 5.6, 2.4],
        [5.9, 3.0, 5.1, 1.8],
    ];

    private static int Main(string[] args)
    {
        string samples = Path.GetFullPath(args.Length > 0 ? args[0] : "samples");
        string bundle = Path.Combine(samples, "models", "iris", "1");
        if (Directory.Exists(bundle))
            Directory.Delete(bundle, recursive: true);
        string model = Path.Combine(bundle, BundleManifest.ModelFolder);
        WritePipeline(model);

        var spark = SparkModelLoader.CreateDefault().Load(model);
        var pipeline = spark.Compile();
        var manifest = new BundleManifest(
            "iris", "1",
            "Iris species from sepal and petal sizes (cm). Written by Ember (tools/Ember.SampleModels) in Spark 3.5's layout; coefficients hand-chosen, not fitted.",
            new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero),
            SparkLayoutWriter.SparkVersion,
            pipeline.Inputs.Select(i => new ManifestColumn(i.Name, i.Type.ToString(), i.Nullable, i.VectorSize >= 0 ? i.VectorSize : null)).ToList(),
            pipeline.DefaultOutputs.Select(o => o.Name).ToList(),
            JsonDocument.Parse("""{"data":"none: coefficients chosen by hand from the iris class means","generator":"tools/Ember.SampleModels"}""").RootElement.Clone(),
            Examples(pipeline),
            Files(bundle));
        File.WriteAllText(Path.Combine(bundle, BundleManifest.FileName),
            JsonSerializer.Serialize(manifest, EmberJsonContext.Default.BundleManifest) + "\n");

        WriteLinregManifest(Path.Combine(samples, "models", "linreg", "1"));

        string requests = Path.Combine(samples, "requests");
        Directory.CreateDirectory(requests);
        File.WriteAllText(Path.Combine(requests, "iris.json"),
            """{"rows": [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}, {"sepal_length": 6.7, "sepal_width": 3.1, "petal_length": 5.6, "petal_width": 2.4}]}""" + "\n");
        Console.WriteLine($"Wrote {bundle} and {Path.Combine(requests, "iris.json")}.");
        return 0;
    }

    private static void WritePipeline(string root)
    {
        string[] uids = ["vecAssembler_6f1b2c3d4e5f", "stdScal_1a2b3c4d5e6f", "logreg_a1b2c3d4e5f6", "idxToStr_0f1e2d3c4b5a"];
        WriteMetadata(root, "org.apache.spark.ml.PipelineModel", "pipeline_9e8d7c6b5a4f",
            $"{{\"stageUids\":[{string.Join(",", uids.Select(u => $"\"{u}\""))}]}}", "{}");
        string stages = Path.Combine(root, "stages");

        WriteMetadata(Path.Combine(stages, "0_" + uids[0]), "org.apache.spark.ml.feature.VectorAssembler", uids[0],
            $"{{\"inputCols\":[{string.Join(",", Features.Select(f => $"\"{f}\""))}],\"outputCol\":\"features\",\"handleInvalid\":\"skip\"}}",
            $"{{\"outputCol\":\"{uids[0]}__output\",\"handleInvalid\":\"error\"}}");

        string scaler = Path.Combine(stages, "1_" + uids[1]);
        WriteMetadata(scaler, "org.apache.spark.ml.feature.StandardScalerModel", uids[1],
            "{\"inputCol\":\"features\",\"outputCol\":\"scaledFeatures\",\"withMean\":true,\"withStd\":true}",
            $"{{\"withMean\":false,\"withStd\":true,\"outputCol\":\"{uids[1]}__output\"}}");
        WriteData(scaler, "3c6f1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e5f", new ParquetSchema(Vector("std"), Vector("mean")),
            DenseVector(Std), DenseVector(Mean));

        string logreg = Path.Combine(stages, "2_" + uids[2]);
        WriteMetadata(logreg, "org.apache.spark.ml.classification.LogisticRegressionModel", uids[2],
            "{\"featuresCol\":\"scaledFeatures\",\"labelCol\":\"label\",\"family\":\"multinomial\",\"regParam\":0.01}",
            "{\"aggregationDepth\":2,\"elasticNetParam\":0.0,\"family\":\"auto\",\"featuresCol\":\"features\",\"fitIntercept\":true,\"labelCol\":\"label\",\"maxBlockSizeInMB\":0.0,\"maxIter\":100,\"predictionCol\":\"prediction\",\"probabilityCol\":\"probability\",\"rawPredictionCol\":\"rawPrediction\",\"regParam\":0.0,\"standardization\":true,\"threshold\":0.5,\"tol\":1.0E-6}");
        int k = Species.Length, f = Features.Length;
        var columnMajor = new double[k * f];
        for (int c = 0; c < f; c++)
            for (int r = 0; r < k; r++)
                columnMajor[c * k + r] = Coefficients[r, c];
        WriteData(logreg, "7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a",
            new ParquetSchema(ParquetField.Int32("numClasses", nullable: false), ParquetField.Int32("numFeatures", nullable: false),
                Vector("interceptVector"), Matrix("coefficientMatrix"), ParquetField.Boolean("isMultinomial", nullable: false)),
            k, f, DenseVector(Intercepts), DenseMatrix(k, f, columnMajor), true);

        WriteMetadata(Path.Combine(stages, "3_" + uids[3]), "org.apache.spark.ml.feature.IndexToString", uids[3],
            $"{{\"inputCol\":\"prediction\",\"outputCol\":\"predictedSpecies\",\"labels\":[{string.Join(",", Species.Select(s => $"\"{s}\""))}]}}",
            $"{{\"outputCol\":\"{uids[3]}__output\"}}");
    }

    /// <summary>
    /// samples/models/linreg/1/model is Spark 2.1.0's own save (datitran/PySpark-App-CF, MIT; see
    /// NOTICE there). Its examples are the predictions Spark printed in that notebook; Ember must
    /// reproduce them or this tool stops.
    /// </summary>
    private static void WriteLinregManifest(string bundle)
    {
        string model = Path.Combine(bundle, BundleManifest.ModelFolder);
        if (!Directory.Exists(model))
            return;
        (double X, double Spark)[] printed = [(0.0, 0.3951605206669529), (1.0, 0.6985023859479377), (19.0, 6.158655961005664)];
        var pipeline = SparkModelLoader.CreateDefault().Load(model).Compile();
        var frame = pipeline.CreateFrame(printed.Length);
        frame.Reset(printed.Length);
        var features = pipeline.Inputs.Single();
        for (int r = 0; r < printed.Length; r++)
            FrameValues.TrySet(frame.Columns[features.Slot], r, new[] { printed[r].X });
        pipeline.DefaultPlan.Execute(frame);
        var prediction = pipeline.DefaultPlan.Outputs.Single();
        var examples = new List<BundleExample>();
        for (int r = 0; r < printed.Length; r++)
        {
            double ours = ((DoubleColumn)frame.Columns[prediction.Slot]).Values[r];
            if (ours != printed[r].Spark)
                throw new InvalidOperationException($"linreg: Ember predicts {ours:R} for [{printed[r].X}], Spark printed {printed[r].Spark:R}.");
            string x = printed[r].X.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            examples.Add(new BundleExample(
                JsonDocument.Parse($"{{\"features\": [{x}]}}").RootElement.Clone(),
                JsonDocument.Parse($"{{\"prediction\": {printed[r].Spark.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}").RootElement.Clone()));
        }
        var manifest = new BundleManifest(
            "linreg", "1",
            "Linear regression on one feature, saved by Spark 2.1.0 in datitran/PySpark-App-CF (MIT licence; see model/NOTICE). Examples: the predictions Spark printed.",
            new DateTimeOffset(2017, 2, 3, 13, 35, 2, TimeSpan.Zero),
            "2.1.0",
            [new ManifestColumn(features.Name, "vector", true, 1)],
            [prediction.Name],
            JsonDocument.Parse("{\"source\":\"https://github.com/datitran/PySpark-App-CF (commit 9270b5974c0a1b5d2a22a5fb08e935e0644789f3, folder model)\"}").RootElement.Clone(),
            examples,
            Files(bundle));
        File.WriteAllText(Path.Combine(bundle, BundleManifest.FileName),
            JsonSerializer.Serialize(manifest, EmberJsonContext.Default.BundleManifest) + "\n");
    }

    /// <summary>Ember's own outputs for the example rows, rendered as the API renders them.</summary>
    private static List<BundleExample> Examples(CompiledPipeline pipeline)
    {
        var plan = pipeline.DefaultPlan;
        var frame = pipeline.CreateFrame(ExampleRows.Length);
        frame.Reset(ExampleRows.Length);
        for (int r = 0; r < ExampleRows.Length; r++)
            for (int i = 0; i < Features.Length; i++)
            {
                var input = pipeline.Inputs.First(c => c.Name == Features[i]);
                FrameValues.TrySet(frame.Columns[input.Slot], r, ExampleRows[r][i]);
            }
        plan.Execute(frame);
        var examples = new List<BundleExample>();
        for (int r = 0; r < ExampleRows.Length; r++)
        {
            if (!frame.IsOk(r))
                throw new InvalidOperationException($"example row {r} was refused: {frame.Errors[r]}");
            var input = new Dictionary<string, double>();
            for (int i = 0; i < Features.Length; i++)
                input[Features[i]] = ExampleRows[r][i];
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var name in Features)
                    writer.WriteNumber(name, input[name]);
                writer.WriteEndObject();
            }
            var inputJson = JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
            buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var output in plan.Outputs)
                {
                    writer.WritePropertyName(output.Name);
                    OutputValues.Write(writer, frame.Columns[output.Slot], r);
                }
                writer.WriteEndObject();
            }
            examples.Add(new BundleExample(inputJson, JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone()));
        }
        return examples;
    }

    private static List<BundleFile> Files(string bundle) =>
        Directory.EnumerateFiles(Path.Combine(bundle, BundleManifest.ModelFolder), "*", SearchOption.AllDirectories)
            // _SUCCESS and .crc are never part of a model: the loader ignores them, so listing them makes the bundle "incomplete".
            .Where(path => !BundleFiles.IsBookkeeping(Path.GetRelativePath(bundle, path).Replace('\\', '/')))
            .Select(path =>
            {
                byte[] bytes = File.ReadAllBytes(path);
                string relative = Path.GetRelativePath(bundle, path).Replace('\\', '/');
                return new BundleFile(relative, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
            })
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
}
